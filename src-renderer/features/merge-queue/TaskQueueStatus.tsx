import type { Task } from '../../../src-shared/contract';
import { useWorkspaceOwnerId } from '../tasks/tasks-store';
import { useTaskEntry } from './queue-store';
import { entryStateText } from './queue-text';
import './merge-queue.css';

/**
 * In the task view: where the task's work stands in its merge queue (status `Merge queue: …`),
 * once it was added. The queue lands a workspace's owner's work: a review's or a subagent's task
 * shows its owner's place.
 */
export function TaskQueueStatus({ task }: { task: Task }) {
  const entry = useTaskEntry(task.projectId, useWorkspaceOwnerId(task.id));
  if (!entry) return null;
  const said = entry.state === 'ejected' && entry.ejection ? `ejected: ${entry.ejection.message}` : entryStateText(entry, null);
  return (
    <p role="status" className={`queue-status queue-status--${entry.state}`}>
      Merge queue into <span className="mono">{entry.targetBranch}</span>: {said}
    </p>
  );
}
