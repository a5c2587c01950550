import type { PlanVersion, Task } from '../../../src-shared/contract';
import type { PlanFact } from '../events/domain-events';

/** The part every plan domain event shares, for a task's version. */
export function planFact(task: Task, version: PlanVersion, at: number): PlanFact {
  return {
    projectId: task.projectId,
    taskId: task.id,
    pipelineId: task.pipelineId,
    version: version.version,
    title: version.plan.title,
    contentHash: version.contentHash,
    at,
  };
}
