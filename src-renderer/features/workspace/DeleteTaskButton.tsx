import { useId, useState } from 'react';
import type { AppError, Task, WorkAtRisk } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { InlineError } from '../../ui/InlineError';
import { useHostAction } from '../../ui/use-host-action';
import { useTasksStore } from '../tasks/tasks-store';
import { sharingTasksFrom, type SharingTask } from './shared-workspace';
import { SharingTasksList } from './SharingTasksList';
import { workAtRiskFrom } from './work-at-risk';
import { WorkAtRiskList } from './WorkAtRiskList';

/**
 * Deletes a task and its worktree. The host refuses when other tasks share the workspace (its
 * reviews): the user sees them and may confirm they go too; then when work would be lost: the
 * user sees exactly what, and may confirm (force) or keep the branch.
 */
export function DeleteTaskButton({ task }: { task: Task }) {
  const api = useBridge();
  const { pending, error, run } = useHostAction();
  const [atRisk, setAtRisk] = useState<WorkAtRisk | null>(null);
  const [sharing, setSharing] = useState<SharingTask[] | null>(null);
  /** The user confirmed that the tasks sharing the workspace go with it. */
  const [withShared, setWithShared] = useState(false);
  const [keepBranch, setKeepBranch] = useState(false);
  const keepBranchId = useId();

  const remove = async (force: boolean, withSharedTasks = withShared) => {
    // Tasks that would go too, or work that would be lost: not errors, the user sees exactly what and may confirm.
    const refusal = (failure: AppError) => (force ? null : (workAtRiskFrom(failure) ?? (withSharedTasks ? null : sharingTasksFrom(failure))));
    const result = await run(() => api.invoke('tasks.delete', { taskId: task.id, force, keepBranch: force && keepBranch, withSharedTasks }), {
      explain: (failure) => (refusal(failure) ? null : failure.message),
    });
    if (!result) return;
    if (result.ok) {
      setAtRisk(null);
      setSharing(null);
      const store = useTasksStore.getState();
      if (withSharedTasks) for (const other of sharing ?? []) store.remove(other.id);
      store.remove(task.id);
      return;
    }
    const shared = withSharedTasks || force ? null : sharingTasksFrom(result.error);
    if (shared) {
      setSharing(shared);
      return;
    }
    const work = force ? null : workAtRiskFrom(result.error);
    if (work) {
      setSharing(null);
      setAtRisk(work);
    }
  };

  return (
    <>
      <button type="button" className="button button--danger-quiet" onClick={() => remove(false)} disabled={pending} aria-busy={pending}>
        Delete task
      </button>
      {!atRisk && !sharing && <InlineError message={error} />}
      {sharing && !atRisk && (
        <ConfirmDialog
          title="Delete the task and the tasks sharing its workspace?"
          confirmLabel={`Delete ${sharing.length + 1} tasks`}
          onConfirm={() => {
            setWithShared(true);
            void remove(false, true);
          }}
          onCancel={() => setSharing(null)}
          pending={pending}
          error={error}
        >
          <p>{`“${task.title}” shares its workspace with ${sharing.length === 1 ? 'another task' : `${sharing.length} other tasks`}. Deleting it removes ${sharing.length === 1 ? 'that task' : 'them'} too, with ${sharing.length === 1 ? 'its' : 'their'} reviews and findings:`}</p>
          <SharingTasksList tasks={sharing} />
        </ConfirmDialog>
      )}
      {atRisk && (
        <ConfirmDialog
          title="Delete task and lose its work?"
          confirmLabel="Delete anyway"
          onConfirm={() => remove(true)}
          onCancel={() => {
            setAtRisk(null);
            setWithShared(false);
          }}
          pending={pending}
          error={error}
        >
          <p>
            The workspace of “{task.title}” has work that exists nowhere else. Deleting removes the worktree
            {keepBranch ? '' : ` and the branch ${task.workspace.branch}`}.
          </p>
          <WorkAtRiskList work={atRisk} baseBranch={task.workspace.baseBranch} />
          <label htmlFor={keepBranchId} className="checkbox">
            <input id={keepBranchId} type="checkbox" checked={keepBranch} onChange={(e) => setKeepBranch(e.target.checked)} />
            Keep the branch {task.workspace.branch}
          </label>
        </ConfirmDialog>
      )}
    </>
  );
}
