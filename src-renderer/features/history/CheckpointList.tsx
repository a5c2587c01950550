import { useState } from 'react';
import type { AppError } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { InlineError } from '../../ui/InlineError';
import { useHostAction } from '../../ui/use-host-action';
import type { Checkpoint } from './history-store';
import { newerChangedFiles, restoredText, shortSha } from './history-text';

/** At first only the newest turns are listed; the rest on request. */
const initiallyShown = 12;

interface Refusal {
  turn: number;
  message: string;
  files: string[];
}

/**
 * One checkpoint per agent turn, newest first, each with "Restore files to turn N". When the
 * workspace has changes no checkpoint holds, the host refuses; the user then sees which files
 * would be overwritten and may go ahead (a backup is kept and its place reported).
 */
export function CheckpointList({ taskId, checkpoints, onRestored }: { taskId: string; checkpoints: readonly Checkpoint[]; onRestored(): void }) {
  const api = useBridge();
  const { pending, error, run } = useHostAction();
  const [showAll, setShowAll] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  /** The turn the last restore was for: its error shows beside it. */
  const [lastTurn, setLastTurn] = useState<number | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const restore = async (turn: number, force: boolean) => {
    // Newer changes no checkpoint holds: not an error, the user sees which files and may go ahead.
    const refusedFiles = (failure: AppError) => (!force && failure.code === 'CHECKPOINT_HAS_NEWER_CHANGES' ? newerChangedFiles(failure.details) : null);
    const result = await run(
      () => {
        setLastTurn(turn);
        setStatus(null);
        return api.invoke('history.restore', { taskId, turn, force });
      },
      { explain: (failure) => (refusedFiles(failure) ? null : failure.message) },
    );
    if (!result) return;
    if (result.ok) {
      setRefusal(null);
      setStatus(restoredText(result.data));
      onRestored();
      return;
    }
    const files = refusedFiles(result.error);
    if (files) setRefusal({ turn, message: result.error.message, files });
  };
  const errorTurn = error === null ? null : lastTurn;

  const newestFirst = [...checkpoints].reverse();
  const shown = showAll ? newestFirst : newestFirst.slice(0, initiallyShown);
  return (
    <div className="checkpoints">
      <p role="status" className="checkpoints__status">
        {status}
      </p>
      {newestFirst.length === 0 ? (
        <p className="muted">No checkpoints yet: one is saved after each agent turn.</p>
      ) : (
        <ol className="checkpoints__list" aria-label="Checkpoints">
          {shown.map((checkpoint) => (
            <li key={checkpoint.turn} className="checkpoint">
              <span className="checkpoint__turn">Turn {checkpoint.turn}</span>
              <time className="checkpoint__time muted" dateTime={new Date(checkpoint.createdAt).toISOString()}>
                {new Date(checkpoint.createdAt).toLocaleString()}
              </time>
              <span className="checkpoint__head mono muted" title={`HEAD was ${checkpoint.head}`}>
                {shortSha(checkpoint.head)}
              </span>
              <button
                type="button"
                className="button button--small"
                aria-label={`Restore files to turn ${checkpoint.turn}`}
                disabled={pending}
                onClick={() => restore(checkpoint.turn, false)}
              >
                Restore files
              </button>
              {errorTurn === checkpoint.turn && !refusal && (
                <div className="checkpoint__error">
                  <InlineError message={error} />
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
      {newestFirst.length > shown.length && (
        <button type="button" className="button button--small" onClick={() => setShowAll(true)}>
          Show all {newestFirst.length} checkpoints
        </button>
      )}
      {refusal && (
        <ConfirmDialog
          title="Overwrite newer changes?"
          confirmLabel="Restore anyway"
          onConfirm={() => restore(refusal.turn, true)}
          onCancel={() => setRefusal(null)}
          pending={pending}
          error={errorTurn === refusal.turn ? error : null}
        >
          <p>{refusal.message}</p>
          <ul className="work-at-risk__list mono" aria-label="Files that would be overwritten">
            {refusal.files.map((file) => (
              <li key={file}>{file}</li>
            ))}
          </ul>
          <p className="muted">
            Before restoring turn {refusal.turn}, Braid keeps the current files as a backup commit under refs/braid/restore-backups and tells you
            its id. HEAD and the index are not touched.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
