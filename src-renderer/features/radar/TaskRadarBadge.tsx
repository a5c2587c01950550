import type { Task } from '../../../src-shared/contract';
import { RadarBadge } from './RadarBadge';

/**
 * Small badge when a task overlaps another (same files/lines), would conflict with its base,
 * or has been merged; nothing otherwise. Accessible name `<title>: overlap|conflict|merged`,
 * description (and tooltip) e.g. `conflicts in: a.ts; overlaps Beta in a.ts (lines 3–5)`.
 */
export function TaskRadarBadge({ task }: { task: Task }) {
  return <RadarBadge taskId={task.id} projectId={task.projectId} />;
}
