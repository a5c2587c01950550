import type { Task } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { useHostAction } from '../../ui/use-host-action';

/** A missing workspace can be made again from its branch, when the branch still exists. */
export function RecreateWorkspaceButton({ task }: { task: Task }) {
  const api = useBridge();
  const { pending, error, run } = useHostAction();

  if (!task.workspace.branchExists) {
    return <p className="muted">Its branch {task.workspace.branch} is gone too, so it cannot be recreated.</p>;
  }

  // The new state arrives through `tasks.changed`.
  const recreate = () => run(() => api.invoke('workspaces.recreate', { taskId: task.id }));

  return (
    <>
      <button type="button" className="button" onClick={recreate} disabled={pending} aria-busy={pending}>
        Recreate from branch
      </button>
      <InlineError message={error} />
    </>
  );
}
