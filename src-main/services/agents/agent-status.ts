import type { TaskStatus } from '../../../src-shared/contract';
import type { AgentServiceOptions } from './agent-service-options';

/** How a run begins: a new turn, or a resume of a stopped, failed or interrupted one. */
export type RunStart = 'new' | 'resume';

/**
 * Sets a task's agent status where everyone sees it: the task row, a `status` event in its
 * timeline, `agent.statusChanged` and the UI. Once closed (every run has ended and the database
 * closes right after) nothing is written.
 */
export class AgentStatus {
  private closed = false;

  constructor(private readonly options: Pick<AgentServiceOptions, 'store' | 'writer' | 'events' | 'notifyTaskChanged'>) {}

  /** `runStart`: this change begins a run (see `agent.statusChanged`). */
  set(taskId: string, status: TaskStatus, reason: string | null, runStart: RunStart | null = null): void {
    const task = this.closed ? undefined : this.options.store.tasks.get(taskId);
    if (!task) return;
    this.options.store.tasks.setStatus(taskId, status, reason);
    this.options.writer.push(taskId, { kind: 'status', status, reason });
    void this.options.events.publish('agent.statusChanged', { taskId, projectId: task.projectId, pipelineId: task.pipelineId, status, reason, runStart });
    this.options.notifyTaskChanged(taskId);
  }

  /** Every run has ended; the database closes next. */
  close(): void {
    this.closed = true;
  }
}
