import type { EventName, EventPayload } from '../../../src-shared/contract';
import type { DomainEventBus } from './domain-events';

/** Pushes a contract event (`src-shared/contract/events.ts`) to every connected window or tab. */
export type ContractEmit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/**
 * The domain facts the UI shows, as contract events: the one place where a domain event
 * becomes a contract event. Subscribed first, so the UI hears of a change before any rule
 * reacting to it changes the task again.
 */
export function forwardToContract(events: DomainEventBus, emit: ContractEmit): void {
  events.on('task.changed', ({ task }) => emit('tasks.changed', { task }));
  events.on('task.removed', ({ projectId, taskId }) => emit('tasks.removed', { projectId, taskId }));
  events.on('plan.versionAdded', ({ projectId, taskId, version, status, title }) => emit('plans.changed', { projectId, taskId, version, status, title }));
  events.on('plan.implemented', ({ projectId, taskId, tasks }) => emit('plans.progressChanged', { projectId, planTaskId: taskId, taskIds: tasks.map((task) => task.taskId) }));
  events.on('plan.stepUpdated', ({ projectId, planTaskId, taskId }) => emit('plans.progressChanged', { projectId, planTaskId, taskIds: [taskId] }));
  // The findings panel and the merge dialog's gate follow reviews and findings.
  events.on('review.submitted', ({ projectId, reviewedTaskId }) => emit('reviews.changed', { projectId, reviewedTaskId }));
  events.on('finding.statusChanged', ({ projectId, reviewedTaskId }) => emit('reviews.changed', { projectId, reviewedTaskId }));
  events.on('plan.decided', ({ projectId, taskId, version, decision, title }) => emit('plans.changed', { projectId, taskId, version, status: decision.kind, title }));

  // A pipeline's view moves with the facts of its stages (never with streamed output: none of these is per chunk).
  const pipelineMoved = ({ projectId, pipelineId }: { projectId: string; pipelineId: string | null }) => {
    if (pipelineId) emit('pipelines.changed', { projectId, pipelineId });
  };
  events.on('pipeline.created', pipelineMoved);
  events.on('pipeline.held', pipelineMoved);
  events.on('task.created', ({ task }) => pipelineMoved(task));
  events.on('task.removed', pipelineMoved);
  events.on('agent.statusChanged', pipelineMoved);
  events.on('plan.versionAdded', pipelineMoved);
  events.on('plan.decided', pipelineMoved);
  events.on('plan.implemented', pipelineMoved);
  events.on('plan.stepUpdated', pipelineMoved);
  events.on('check.started', pipelineMoved);
  events.on('check.finished', pipelineMoved);
  events.on('review.submitted', pipelineMoved);
  events.on('finding.statusChanged', pipelineMoved);
  events.on('merge.landed', pipelineMoved);
  events.on('workspace.archived', pipelineMoved);
}
