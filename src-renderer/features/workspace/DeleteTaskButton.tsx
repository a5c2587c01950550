import { useId, useState } from 'react';
import type { AppError, Task, WorkAtRisk } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { InlineError } from '../../ui/InlineError';
import { useHostAction } from '../../ui/use-host-action';
import { useTasksStore } from '../tasks/tasks-store';
import { archiveRefusalFrom, type ArchiveRefusal } from './archive-refusal';
import { workAtRiskFrom } from './work-at-risk';
import { WorkAtRiskList } from './WorkAtRiskList';

/**
 * Deletes a task and its worktree. The host refuses when work would be lost, or when the
 * repository's archive script failed (or is not trusted); then the user sees exactly what, and
 * may confirm (force) or keep the branch.
 */
export function DeleteTaskButton({ task }: { task: Task }) {
  const api = useBridge();
  const { pending, error, run } = useHostAction();
  const [atRisk, setAtRisk] = useState<WorkAtRisk | null>(null);
  const [archive, setArchive] = useState<ArchiveRefusal | null>(null);
  const [keepBranch, setKeepBranch] = useState(false);
  const keepBranchId = useId();

  const remove = async (force: boolean) => {
    // Work that would be lost: not an error, the user sees exactly what and may confirm.
    const refusal = (failure: AppError) => (force ? null : workAtRiskFrom(failure));
    const archiveRefusal = (failure: AppError) => (force ? null : archiveRefusalFrom(failure));
    const result = await run(() => api.invoke('tasks.delete', { taskId: task.id, force, keepBranch: force && keepBranch }), {
      explain: (failure) => (refusal(failure) || archiveRefusal(failure) ? null : failure.message),
    });
    if (!result) return;
    if (result.ok) {
      setAtRisk(null);
      setArchive(null);
      useTasksStore.getState().remove(task.id);
      return;
    }
    const work = refusal(result.error);
    if (work) setAtRisk(work);
    const script = archiveRefusal(result.error);
    if (script) setArchive(script);
  };

  return (
    <>
      <button type="button" className="button button--danger-quiet" onClick={() => remove(false)} disabled={pending} aria-busy={pending}>
        Delete task
      </button>
      {!atRisk && !archive && <InlineError message={error} />}
      {archive && (
        <ConfirmDialog
          title={archive.untrusted ? 'Delete without the archive script?' : 'The archive script failed'}
          confirmLabel="Delete anyway"
          onConfirm={() => remove(true)}
          onCancel={() => setArchive(null)}
          pending={pending}
          error={error}
        >
          <p>{archive.message}</p>
          {archive.output && <pre className="tool-card__pre selectable">{archive.output}</pre>}
        </ConfirmDialog>
      )}
      {atRisk && (
        <ConfirmDialog
          title="Delete task and lose its work?"
          confirmLabel="Delete anyway"
          onConfirm={() => remove(true)}
          onCancel={() => setAtRisk(null)}
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
