import type { Task } from '../../../src-shared/contract';
import { MergeDialog } from './MergeDialog';
import { useMergeStore, usePendingMerge } from './merge-store';
import './merge.css';

/**
 * Opens the merge dialog for a task. The button says what is next: `Merge…`, `Resolve
 * conflicts…` (a merge stopped at conflicts is pending) or `Archive…` (already merged; the
 * sidebar and DiffLens show the merged mark). `MergeAgentNotice` says when the agent was asked
 * to resolve conflicts.
 */
export function MergeButton({ task }: { task: Task }) {
  const open = useMergeStore((s) => s.dialogTaskId === task.id);
  const pending = usePendingMerge(task.id);
  const ready = task.workspace.state === 'ready';
  const merged = task.workspace.merged;
  const label = pending ? 'Resolve conflicts…' : merged ? 'Archive…' : 'Merge…';

  const openDialog = () => useMergeStore.getState().openDialog(task.id);

  return (
    <div className="merge-action">
      <button
        type="button"
        className={`button${merged ? '' : ' button--primary'}`}
        onClick={openDialog}
        disabled={!ready}
        title={merged ? `Merged into ${merged.targetBranch} (${merged.newCommit.slice(0, 10)}); archive the workspace or merge newer work` : undefined}
      >
        {label}
      </button>
      {open && <MergeDialog task={task} onClose={() => useMergeStore.getState().closeDialog()} />}
    </div>
  );
}
