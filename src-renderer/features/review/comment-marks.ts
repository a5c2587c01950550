import type { editor as MonacoEditor } from 'monaco-editor/editor/editor.api';
import type { Monaco } from './monaco-setup';

/** Lines with review comments: a mark in the glyph margin and a tinted line. */
export function commentMarks(monaco: Monaco, lines: readonly number[]): MonacoEditor.IModelDeltaDecoration[] {
  return lines.map((line) => ({
    range: new monaco.Range(line, 1, line, 1),
    options: { glyphMarginClassName: 'review-comment-glyph', glyphMarginHoverMessage: { value: 'Review comment' }, isWholeLine: true, className: 'review-comment-line' },
  }));
}
