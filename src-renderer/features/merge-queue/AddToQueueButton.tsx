import { useState } from 'react';
import type { MethodInput, Task } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { useHostAction } from '../../ui/use-host-action';
import { useWorkspaceOwnerId } from '../tasks/tasks-store';
import { useQueueStore, useTaskEntry } from './queue-store';
import './merge-queue.css';

type QueueRequest = MethodInput<'mergeQueue.add'>;

/**
 * "Add to merge queue": the task, with `request`'s choices (default: everything, a merge commit,
 * uncommitted files included), at the end of its base branch's queue. While the task waits or
 * runs there, the button says so instead.
 */
export function AddToQueueButton({ task, request, onAdded, className }: { task: Task; request?: QueueRequest; onAdded?(): void; className?: string }) {
  const api = useBridge();
  const { pending, error, run } = useHostAction();
  // The queue holds the workspace's owner's work, whichever task on it added it.
  const entry = useTaskEntry(task.projectId, useWorkspaceOwnerId(task.id));
  const [added, setAdded] = useState<string | null>(null);
  const queued = entry !== null && entry.state !== 'landed' && entry.state !== 'ejected';
  const add = async () => {
    const result = await run(() => api.invoke('mergeQueue.add', request ?? { taskId: task.id, strategy: 'merge', includeUncommitted: true }));
    if (!result?.ok) return;
    // The list follows through `mergeQueue.changed`; until then say where it went.
    const refreshed = await api.invoke('mergeQueue.list', { projectId: task.projectId });
    if (refreshed.ok) useQueueStore.getState().putQueues(task.projectId, refreshed.data);
    setAdded(`Added to the merge queue into ${result.data.targetBranch}.`);
    onAdded?.();
  };
  return (
    <div className={className ?? 'merge-action'}>
      <button type="button" className="button" onClick={() => void add()} disabled={pending || queued || task.workspace.state === 'creating'} aria-busy={pending}>
        {queued ? `In the merge queue into ${entry.targetBranch}` : 'Add to merge queue'}
      </button>
      {added && !error && (
        <p role="status" className="muted">
          {added}
        </p>
      )}
      <InlineError message={error} />
    </div>
  );
}
