import type { Task } from '../../../src-shared/contract';
import { useTaskEntry } from './queue-store';
import { entryStateText } from './queue-text';
import './merge-queue.css';

/** In the task view: where the task stands in its merge queue (status `Merge queue: …`), once it was added. */
export function TaskQueueStatus({ task }: { task: Task }) {
  const entry = useTaskEntry(task.projectId, task.id);
  if (!entry) return null;
  const said = entry.state === 'ejected' && entry.ejection ? `ejected: ${entry.ejection.message}` : entryStateText(entry, null);
  return (
    <p role="status" className={`queue-status queue-status--${entry.state}`}>
      Merge queue into <span className="mono">{entry.targetBranch}</span>: {said}
    </p>
  );
}
