import { useState } from 'react';
import { useBridge } from '../../bridge/bridge-context';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { InlineError } from '../../ui/InlineError';
import type { DiffFile } from './review-types';
import { useReviewAction } from './use-review-action';

/** Accept (commit) or revert the whole focused file. */
export function FileActions({ taskId, file, onChanged }: { taskId: string; file: DiffFile; onChanged(): void }) {
  const api = useBridge();
  const { pending, error, run } = useReviewAction(onChanged);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const createdHere = file.status === 'added' || file.status === 'untracked';

  const accept = async () => {
    const result = await run(() => api.invoke('review.acceptHunk', { taskId, path: file.path, hunk: 'file' }));
    if (!result?.ok) return;
    setDone(result.data.commit ? `Committed ${result.data.commit.slice(0, 7)}` : 'Already committed');
    onChanged();
  };
  const revert = async () => {
    const result = await run(() => api.invoke('review.revertHunk', { taskId, path: file.path, hunk: 'file' }));
    setConfirming(false);
    if (result?.ok) onChanged();
  };

  return (
    <div className="file-actions">
      <button type="button" className="button button--small" onClick={() => void accept()} disabled={pending} aria-busy={pending} title="Stage and commit the whole file in the workspace">
        Accept file
      </button>
      <button type="button" className="button button--small button--danger-quiet" onClick={() => setConfirming(true)} disabled={pending} title="Discard every change to this file">
        Revert file
      </button>
      {done && (
        <span role="status" className="file-actions__done">
          {done}
        </span>
      )}
      {!confirming && <InlineError message={error} />}
      {confirming && (
        <ConfirmDialog title={`Revert ${file.path}?`} confirmLabel="Revert file" onConfirm={() => void revert()} onCancel={() => setConfirming(false)} pending={pending} error={error}>
          <p>
            {createdHere
              ? 'The file did not exist at the base: it is deleted from the workspace.'
              : 'Every change to this file in the workspace goes back to the base version, including committed ones (as a new uncommitted change).'}
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
