import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import type { editor as MonacoEditor } from 'monaco-editor/editor/editor.api';
import { commentMarks } from './comment-marks';
import { followTheme, useMonaco } from './monaco-loader';
import { findingMarks, type FindingMark } from './finding-marks';
import type { DiffMode } from './review-store';

export type DiffSide = 'old' | 'new';

const noFindings: readonly FindingMark[] = [];

export interface LinePick {
  side: DiffSide;
  line: number;
  text: string;
}

export interface MonacoDiffHandle {
  /** Scrolls the line of that side to the middle and puts the cursor on it. */
  revealLine(side: DiffSide, line: number): void;
  /** The line under the cursor of the side that last had it (for "comment on this line"). */
  cursorLine(): LinePick | null;
}

interface MonacoDiffProps {
  /** Changes when another file (or a new version of it) is shown. */
  contentKey: string;
  oldText: string;
  newText: string;
  language: string;
  mode: DiffMode;
  commentLines: { old: number[]; new: number[] };
  /** Review findings at lines of the new side. */
  findings?: readonly FindingMark[];
  /** A click in the gutter (glyph margin or line number) of either side. */
  onPickLine(pick: LinePick): void;
  ref?: Ref<MonacoDiffHandle>;
}

/**
 * Monaco's diff editor for one file, read-only. Monaco is imported the first time one is
 * shown. Both texts get fresh models per `contentKey`; the theme follows the OS like the
 * rest of the app.
 */
export function MonacoDiff({ contentKey, oldText, newText, language, mode, commentLines, findings = noFindings, onPickLine, ref }: MonacoDiffProps) {
  const host = useRef<HTMLDivElement>(null);
  const { monaco, loadError } = useMonaco();
  const editor = useRef<MonacoEditor.IStandaloneDiffEditor | null>(null);
  const lastCursor = useRef<{ side: DiffSide; line: number } | null>(null);
  const onPick = useRef(onPickLine);
  useEffect(() => {
    onPick.current = onPickLine;
  });

  // The editor itself: made once Monaco is there, disposed with the component.
  useEffect(() => {
    if (!monaco || !host.current) return;
    const stopFollowingTheme = followTheme(monaco);
    const diffEditor = monaco.editor.createDiffEditor(host.current, {
      readOnly: true,
      originalEditable: false,
      automaticLayout: true,
      renderSideBySide: mode === 'side-by-side',
      useInlineViewWhenSpaceIsLimited: false,
      glyphMargin: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      renderMarginRevertIcon: false,
      hideUnchangedRegions: { enabled: true, contextLineCount: 3, minimumLineCount: 6, revealLineCount: 20 },
      fontSize: 12,
      // Side by side in a column leaves little width: long lines wrap instead of hiding their ends.
      wordWrap: 'on',
      diffWordWrap: 'on',
      ariaLabel: 'Diff',
    });
    editor.current = diffEditor;
    const sides: [DiffSide, MonacoEditor.ICodeEditor][] = [
      ['old', diffEditor.getOriginalEditor()],
      ['new', diffEditor.getModifiedEditor()],
    ];
    const gutter = new Set([monaco.editor.MouseTargetType.GUTTER_GLYPH_MARGIN, monaco.editor.MouseTargetType.GUTTER_LINE_NUMBERS]);
    const subscriptions = sides.flatMap(([side, codeEditor]) => [
      codeEditor.onMouseDown((event) => {
        const line = event.target.position?.lineNumber;
        if (!gutter.has(event.target.type) || line === undefined) return;
        onPick.current({ side, line, text: codeEditor.getModel()?.getLineContent(line) ?? '' });
      }),
      codeEditor.onDidChangeCursorPosition((event) => {
        if (codeEditor.hasTextFocus()) lastCursor.current = { side, line: event.position.lineNumber };
      }),
    ]);
    return () => {
      stopFollowingTheme();
      subscriptions.forEach((subscription) => subscription.dispose());
      const models = diffEditor.getModel();
      diffEditor.dispose();
      models?.original.dispose();
      models?.modified.dispose();
      editor.current = null;
    };
    // `mode` is applied by the effect below; the editor is not rebuilt for it.
  }, [monaco]);

  useEffect(() => {
    editor.current?.updateOptions({ renderSideBySide: mode === 'side-by-side' });
  }, [mode, monaco]);

  // New models per file version; the old ones are disposed once replaced.
  useEffect(() => {
    const diffEditor = editor.current;
    if (!monaco || !diffEditor) return;
    const previous = diffEditor.getModel();
    const original = monaco.editor.createModel(oldText, language);
    const modified = monaco.editor.createModel(newText, language);
    diffEditor.setModel({ original, modified });
    lastCursor.current = null;
    previous?.original.dispose();
    previous?.modified.dispose();
    // contentKey names the version; the texts belong to it.
  }, [monaco, contentKey]);

  // Lines with comments carry a mark in the glyph margin.
  useEffect(() => {
    const diffEditor = editor.current;
    if (!monaco || !diffEditor) return;
    const collections = [
      diffEditor.getOriginalEditor().createDecorationsCollection(commentMarks(monaco, commentLines.old)),
      diffEditor.getModifiedEditor().createDecorationsCollection(commentMarks(monaco, commentLines.new)),
    ];
    return () => collections.forEach((collection) => collection.clear());
  }, [monaco, contentKey, commentLines]);

  // Review findings: marks of their own on the new side, so they are never mistaken for comments.
  useEffect(() => {
    const diffEditor = editor.current;
    if (!monaco || !diffEditor) return;
    const collection = diffEditor.getModifiedEditor().createDecorationsCollection(findingMarks(monaco, findings));
    return () => collection.clear();
  }, [monaco, contentKey, findings]);

  useImperativeHandle(
    ref,
    () => ({
      revealLine: (side, line) => {
        const diffEditor = editor.current;
        if (!diffEditor) return;
        const codeEditor = side === 'old' && mode === 'side-by-side' ? diffEditor.getOriginalEditor() : diffEditor.getModifiedEditor();
        codeEditor.revealLineInCenter(line);
        codeEditor.setPosition({ lineNumber: line, column: 1 });
        lastCursor.current = { side: side === 'old' && mode === 'side-by-side' ? 'old' : 'new', line };
      },
      cursorLine: () => {
        const diffEditor = editor.current;
        const cursor = lastCursor.current;
        if (!diffEditor || !cursor) return null;
        const model = (cursor.side === 'old' ? diffEditor.getOriginalEditor() : diffEditor.getModifiedEditor()).getModel();
        if (!model || cursor.line > model.getLineCount()) return null;
        return { ...cursor, text: model.getLineContent(cursor.line) };
      },
    }),
    [mode],
  );

  if (loadError) {
    return (
      <p role="alert" className="inline-error">
        Could not load the diff editor: {loadError}
      </p>
    );
  }
  return (
    <div className="monaco-diff" aria-busy={monaco === null}>
      {monaco === null && <p className="monaco-diff__loading muted">Loading the diff editor…</p>}
      <div ref={host} className="monaco-diff__host" />
    </div>
  );
}
