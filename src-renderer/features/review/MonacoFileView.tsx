import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import type { editor as MonacoEditor } from 'monaco-editor/editor/editor.api';
import { commentMarks } from './comment-marks';
import { followTheme, useMonaco } from './monaco-loader';
import { findingMarks, type FindingMark } from './finding-marks';
import type { DiffSide, LinePick, MonacoDiffHandle } from './MonacoDiff';

const noFindings: readonly FindingMark[] = [];

interface MonacoFileViewProps {
  contentKey: string;
  /** The one side the file has: `new` for a created file, `old` for a deleted one. */
  side: DiffSide;
  text: string;
  language: string;
  commentLines: number[];
  /** Review findings at lines of the file (only a created file's: a deleted one has no new side). */
  findings?: readonly FindingMark[];
  onPickLine(pick: LinePick): void;
  ref?: Ref<MonacoDiffHandle>;
}

/**
 * A file that exists on one side only (created or deleted), shown as that side alone with
 * every line marked added or removed. Monaco's diff editor cannot show "no file": an empty
 * model still has one empty line, which it draws as a removed (or added) line.
 */
export function MonacoFileView({ contentKey, side, text, language, commentLines, findings = noFindings, onPickLine, ref }: MonacoFileViewProps) {
  const host = useRef<HTMLDivElement>(null);
  const { monaco, loadError } = useMonaco();
  const editor = useRef<MonacoEditor.IStandaloneCodeEditor | null>(null);
  const cursorLine = useRef<number | null>(null);
  const onPick = useRef(onPickLine);
  useEffect(() => {
    onPick.current = onPickLine;
  });

  useEffect(() => {
    if (!monaco || !host.current) return;
    const stopFollowingTheme = followTheme(monaco);
    const codeEditor = monaco.editor.create(host.current, {
      readOnly: true,
      automaticLayout: true,
      glyphMargin: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 12,
      wordWrap: 'on',
      ariaLabel: side === 'new' ? 'Added file' : 'Deleted file',
    });
    editor.current = codeEditor;
    const gutter = new Set([monaco.editor.MouseTargetType.GUTTER_GLYPH_MARGIN, monaco.editor.MouseTargetType.GUTTER_LINE_NUMBERS]);
    const subscriptions = [
      codeEditor.onMouseDown((event) => {
        const line = event.target.position?.lineNumber;
        if (!gutter.has(event.target.type) || line === undefined) return;
        onPick.current({ side, line, text: codeEditor.getModel()?.getLineContent(line) ?? '' });
      }),
      codeEditor.onDidChangeCursorPosition((event) => {
        if (codeEditor.hasTextFocus()) cursorLine.current = event.position.lineNumber;
      }),
    ];
    return () => {
      stopFollowingTheme();
      subscriptions.forEach((subscription) => subscription.dispose());
      const model = codeEditor.getModel();
      codeEditor.dispose();
      model?.dispose();
      editor.current = null;
    };
  }, [monaco, side]);

  // A fresh model per file version, every line marked as the diff editor marks changed lines.
  useEffect(() => {
    const codeEditor = editor.current;
    if (!monaco || !codeEditor) return;
    const previous = codeEditor.getModel();
    const model = monaco.editor.createModel(text, language);
    codeEditor.setModel(model);
    cursorLine.current = null;
    previous?.dispose();
    // A file ending in a newline has an empty last model line that is not a line of the file.
    const lines = text.endsWith('\n') ? model.getLineCount() - 1 : model.getLineCount();
    const changed = codeEditor.createDecorationsCollection(
      lines === 0 ? [] : [{ range: new monaco.Range(1, 1, lines, 1), options: { isWholeLine: true, className: side === 'new' ? 'line-insert' : 'line-delete' } }],
    );
    return () => changed.clear();
    // contentKey names the version; the text belongs to it.
  }, [monaco, contentKey, side]);

  useEffect(() => {
    const codeEditor = editor.current;
    if (!monaco || !codeEditor) return;
    const marks = codeEditor.createDecorationsCollection(commentMarks(monaco, commentLines));
    return () => marks.clear();
  }, [monaco, contentKey, commentLines]);

  useEffect(() => {
    const codeEditor = editor.current;
    if (!monaco || !codeEditor || side !== 'new') return;
    const marks = codeEditor.createDecorationsCollection(findingMarks(monaco, findings));
    return () => marks.clear();
  }, [monaco, contentKey, findings, side]);

  useImperativeHandle(
    ref,
    () => ({
      revealLine: (_side, line) => {
        const codeEditor = editor.current;
        if (!codeEditor) return;
        codeEditor.revealLineInCenter(line);
        codeEditor.setPosition({ lineNumber: line, column: 1 });
        cursorLine.current = line;
      },
      cursorLine: () => {
        const model = editor.current?.getModel();
        const line = cursorLine.current;
        if (!model || line === null || line > model.getLineCount()) return null;
        return { side, line, text: model.getLineContent(line) };
      },
    }),
    [side],
  );

  if (loadError) {
    return (
      <p role="alert" className="inline-error">
        Could not load the editor: {loadError}
      </p>
    );
  }
  return (
    <div className="monaco-diff" aria-busy={monaco === null}>
      {monaco === null && <p className="monaco-diff__loading muted">Loading the editor…</p>}
      <div ref={host} className="monaco-diff__host" />
    </div>
  );
}
