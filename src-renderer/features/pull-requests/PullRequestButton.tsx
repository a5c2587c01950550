import { useState } from 'react';
import type { Task } from '../../../src-shared/contract';
import { PullRequestDialog } from './PullRequestDialog';
import './pull-requests.css';

/** "Open pull request…" instead of merging: the dialog that pushes the branch and runs `gh pr create`, or shows the one already opened. */
export function PullRequestButton({ task }: { task: Task }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="merge-action">
      <button type="button" className="button" onClick={() => setOpen(true)} disabled={task.workspace.state !== 'ready' && task.workspace.state !== 'missing'}>
        Pull request…
      </button>
      {open && <PullRequestDialog task={task} onClose={() => setOpen(false)} />}
    </div>
  );
}
