import { useState } from 'react';
import { useBridge } from '../../bridge/bridge-context';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { useHostAction } from '../../ui/use-host-action';

interface OrphanItemProps {
  projectId: string;
  path: string;
  branch: string | null;
}

/**
 * A leftover worktree folder. Removing it deletes files from disk, which may hold work, so
 * it asks first. The full path is in the tooltip, the button's name and the confirmation.
 */
export function OrphanItem({ projectId, path, branch }: OrphanItemProps) {
  const api = useBridge();
  const [confirming, setConfirming] = useState(false);
  const { pending, error, run } = useHostAction();
  const folder = path.split(/[\\/]/).filter(Boolean).pop() ?? path;

  const remove = async () => {
    // On success `workspaces.orphansChanged` drops this row.
    const result = await run(() => api.invoke('workspaces.removeOrphan', { projectId, path }));
    if (result?.ok) setConfirming(false);
  };

  return (
    <li className="orphan" title={path}>
      <span className="orphan__name mono">{folder}</span>
      {branch && <span className="orphan__branch mono">{branch}</span>}
      <button
        type="button"
        className="button button--small button--danger-quiet"
        aria-label={`Remove leftover workspace ${path}`}
        onClick={() => setConfirming(true)}
      >
        Remove
      </button>
      {confirming && (
        <ConfirmDialog
          title="Remove leftover workspace?"
          confirmLabel="Remove folder"
          onConfirm={remove}
          onCancel={() => setConfirming(false)}
          pending={pending}
          error={error}
        >
          <p>
            No task owns <span className="mono">{path}</span>
            {branch ? <> (branch <span className="mono">{branch}</span>)</> : null}. Removing deletes the folder; anything in it that
            was not committed is lost.
          </p>
        </ConfirmDialog>
      )}
    </li>
  );
}
