import { useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type Ref } from 'react';
import { InlineError } from '../../ui/InlineError';
import { FileFindings, useFileFindings, useFindingMarks } from '../review-role/FileFindings';
import { CommentComposer } from './CommentComposer';
import { commentedLines } from './comment-groups';
import { FileActions } from './FileActions';
import { fileNotes, fileStatus, tooLargeLabel } from './file-labels';
import { adjacentHunk, hunkFocusLine } from './hunk-provenance';
import { HunkList } from './HunkList';
import { MonacoDiff, type LinePick, type MonacoDiffHandle } from './MonacoDiff';
import { MonacoFileView } from './MonacoFileView';
import { oneSidedFile } from './one-sided-file';
import { useDiffMode, useReviewStore, useTaskComments } from './review-store';
import { textFingerprint } from './text-fingerprint';
import type { DiffFile } from './review-types';
import { reviewKeys } from './review-keys';
import { useFileReview } from './use-file-review';

export interface FileDiffPaneHandle {
  moveHunk(delta: 1 | -1): void;
  /** Opens the comment box on the line under the editor's cursor. */
  commentAtCursor(): void;
  revealLine(side: 'old' | 'new', line: number): void;
}

interface FileDiffPaneProps {
  taskId: string;
  file: DiffFile;
  onShowStep(callId: string): void;
  ref?: Ref<FileDiffPaneHandle>;
}

/** The focused file: what changed (Monaco), hunk by hunk with their origin, accept / revert, comments. */
export function FileDiffPane({ taskId, file, onShowStep, ref }: FileDiffPaneProps) {
  const review = useFileReview(taskId, file);
  const mode = useDiffMode();
  const comments = useTaskComments(taskId);
  const editor = useRef<MonacoDiffHandle>(null);
  const [currentHunk, setCurrentHunk] = useState(-1);
  const [pick, setPick] = useState<LinePick | null>(null);
  const [hint, setHint] = useState<string | null>(null);
  const { fileDiff, hunks } = review;
  const lines = useMemo(() => commentedLines(comments, file.path), [comments, file.path]);
  const findings = useFileFindings(taskId, file.path);
  const marks = useFindingMarks(findings);
  const status = fileStatus(file.status);
  const notes = fileNotes(file);
  const showsEditor = fileDiff !== null && !fileDiff.binary && !fileDiff.tooLarge && (fileDiff.oldText !== undefined || fileDiff.newText !== undefined);
  // A created or deleted file has one side only: shown alone, not as a diff against nothing.
  const oneSided = fileDiff ? oneSidedFile(fileDiff) : null;

  useEffect(() => {
    setCurrentHunk(-1);
    setPick(null);
  }, [taskId, file.path]);

  const selectHunk = useCallback(
    (index: number) => {
      const hunk = hunks[index];
      if (!hunk) return;
      setCurrentHunk(index);
      editor.current?.revealLine('new', hunkFocusLine(hunk.hunk));
    },
    [hunks],
  );

  useImperativeHandle(
    ref,
    () => ({
      moveHunk: (delta) => selectHunk(adjacentHunk(hunks.length, currentHunk, delta)),
      commentAtCursor: () => {
        const line = editor.current?.cursorLine() ?? null;
        if (line) setPick(line);
        else setHint('Put the cursor on a line of the diff first (click it), or click a line number.');
      },
      revealLine: (side, line) => editor.current?.revealLine(side, line),
    }),
    [hunks.length, currentHunk, selectHunk],
  );

  // The editor gets new models only when what it shows changed (not on every refetch).
  const contentKey = useMemo(
    () => `${taskId}:${file.path}:${textFingerprint(fileDiff?.oldText ?? '')}:${textFingerprint(fileDiff?.newText ?? '')}`,
    [taskId, file.path, fileDiff],
  );

  return (
    <section className="file-pane" aria-label={`Diff of ${file.path}`}>
      <header className="file-pane__header">
        <div className="file-pane__title">
          <span className={`file-row__status file-row__status--${file.status}`} title={status.label}>
            {status.letter}
          </span>
          <h3 className="file-pane__path mono">
            {file.oldPath && file.oldPath !== file.path ? `${file.oldPath} → ${file.path}` : file.path}
          </h3>
          {!file.binary && !file.tooLarge && (
            <span className="file-pane__counts">
              <span className="count-add">+{file.additions}</span> <span className="count-del">−{file.deletions}</span>
            </span>
          )}
          {notes.map((note) => (
            <span key={note} className="tag">
              {note}
            </span>
          ))}
        </div>
        <div className="file-pane__tools">
          <DiffModeToggle />
          <button type="button" className="button button--small" onClick={() => selectHunk(adjacentHunk(hunks.length, currentHunk, -1))} disabled={hunks.length === 0} title={`Previous hunk (${reviewKeys.previousHunk})`} aria-keyshortcuts={reviewKeys.previousHunk}>
            Previous hunk
          </button>
          <button type="button" className="button button--small" onClick={() => selectHunk(adjacentHunk(hunks.length, currentHunk, 1))} disabled={hunks.length === 0} title={`Next hunk (${reviewKeys.nextHunk})`} aria-keyshortcuts={reviewKeys.nextHunk}>
            Next hunk
          </button>
          <FileActions taskId={taskId} file={file} onChanged={review.reload} />
        </div>
      </header>

      <InlineError message={review.error ? `Could not load the diff of ${file.path}: ${review.error}` : null} />
      {fileDiff?.tooLarge || (fileDiff === null && file.tooLarge) ? (
        <p className="file-pane__message">This file is {tooLargeLabel(fileDiff?.tooLarge?.bytes ?? file.sizeBytes)}. Open it in your editor to review it; Accept file and Revert file still work.</p>
      ) : fileDiff?.binary || (fileDiff === null && file.binary) ? (
        <p className="file-pane__message">Binary file: there is no text diff to show. Accept file and Revert file still work.</p>
      ) : showsEditor && oneSided ? (
        <MonacoFileView
          ref={editor}
          contentKey={contentKey}
          side={oneSided.side}
          text={oneSided.text}
          language={fileDiff.language}
          commentLines={lines[oneSided.side]}
          findings={marks}
          onPickLine={(line) => {
            setHint(null);
            setPick(line);
          }}
        />
      ) : showsEditor ? (
        <MonacoDiff
          ref={editor}
          contentKey={contentKey}
          oldText={fileDiff.oldText ?? ''}
          newText={fileDiff.newText ?? ''}
          language={fileDiff.language}
          mode={mode}
          commentLines={lines}
          findings={marks}
          onPickLine={(line) => {
            setHint(null);
            setPick(line);
          }}
        />
      ) : fileDiff !== null && fileDiff.hunks.length === 0 ? (
        <p className="file-pane__message">No content changes{notes.length > 0 ? ` (${notes.join(', ')})` : ''}.</p>
      ) : (
        <p className="file-pane__message muted" aria-busy="true">
          Loading the diff…
        </p>
      )}

      <FileFindings path={file.path} findings={findings} onReveal={(line) => editor.current?.revealLine('new', line)} />
      {hint && <p className="muted">{hint}</p>}
      {pick && <CommentComposer taskId={taskId} path={file.path} pick={pick} onDone={() => setPick(null)} />}
      <HunkList
        taskId={taskId}
        path={file.path}
        oldPath={file.oldPath !== undefined && file.oldPath !== file.path ? file.oldPath : undefined}
        hunks={hunks}
        currentIndex={currentHunk}
        provenanceError={review.provenanceError}
        onSelect={selectHunk}
        onChanged={review.reload}
        onShowStep={onShowStep}
      />
    </section>
  );
}

function DiffModeToggle() {
  const mode = useDiffMode();
  const setDiffMode = useReviewStore((s) => s.setDiffMode);
  return (
    <div className="segmented" role="group" aria-label="Diff layout">
      <button type="button" className="segmented__option" aria-pressed={mode === 'side-by-side'} onClick={() => setDiffMode('side-by-side')}>
        Side by side
      </button>
      <button type="button" className="segmented__option" aria-pressed={mode === 'inline'} onClick={() => setDiffMode('inline')}>
        Inline
      </button>
    </div>
  );
}
