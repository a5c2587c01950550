import type { editor as MonacoEditor } from 'monaco-editor/editor/editor.api';
import type { Monaco } from './monaco-setup';

/** A review finding at lines of the new side (a review task's, not a comment). */
export interface FindingMark {
  lineStart: number;
  lineEnd: number;
  /** "P1: <title>" for the hover. */
  label: string;
  priority: 'P0' | 'P1' | 'P2' | 'P3';
}

/**
 * Lines a finding is about: a priority mark in the glyph margin on its first line (distinct
 * from a comment's) and its lines tinted, with the finding's title on hover.
 */
export function findingMarks(monaco: Monaco, marks: readonly FindingMark[]): MonacoEditor.IModelDeltaDecoration[] {
  return marks.flatMap((mark) => [
    {
      range: new monaco.Range(mark.lineStart, 1, mark.lineStart, 1),
      options: { glyphMarginClassName: `review-finding-glyph review-finding-glyph--${mark.priority.toLowerCase()}`, glyphMarginHoverMessage: { value: `Finding ${mark.label}` } },
    },
    {
      range: new monaco.Range(mark.lineStart, 1, mark.lineEnd, 1),
      options: { isWholeLine: true, className: `review-finding-line review-finding-line--${mark.priority.toLowerCase()}`, hoverMessage: { value: `Finding ${mark.label}` } },
    },
  ]);
}
