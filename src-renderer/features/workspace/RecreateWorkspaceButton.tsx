import { useState } from 'react';
import type { Task } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { useSingleFlight } from '../../ui/use-single-flight';

/** A missing workspace can be made again from its branch, when the branch still exists. */
export function RecreateWorkspaceButton({ task }: { task: Task }) {
  const api = useBridge();
  const { pending, run } = useSingleFlight();
  const [error, setError] = useState<string | null>(null);

  if (!task.workspace.branchExists) {
    return <p className="muted">Its branch {task.workspace.branch} is gone too, so it cannot be recreated.</p>;
  }

  const recreate = async () => {
    // The new state arrives through `tasks.changed`.
    const result = await run(() => {
      setError(null);
      return api.invoke('workspaces.recreate', { taskId: task.id });
    });
    if (result && !result.ok) setError(result.error.message);
  };

  return (
    <>
      <button type="button" className="button" onClick={recreate} disabled={pending} aria-busy={pending}>
        Recreate from branch
      </button>
      <InlineError message={error} />
    </>
  );
}
