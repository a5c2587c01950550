import type { Store } from '../store/store';

export interface TaskScope {
  projectId: string;
  pipelineId: string | null;
}

/**
 * The project and pipeline of each task an entry is about, kept in memory: tool calls stream
 * in by task id, and a task row read per entry would cost a join each time. Filled from the
 * domain events that carry them, read from the store on a miss, forgotten with the task.
 */
export class TaskScopes {
  private readonly known = new Map<string, TaskScope>();

  constructor(private readonly store: Store) {}

  remember(taskId: string, scope: TaskScope): void {
    this.known.set(taskId, scope);
  }

  /** Undefined when the task is gone and was never seen. */
  of(taskId: string): TaskScope | undefined {
    let scope = this.known.get(taskId);
    if (!scope) {
      const task = this.store.tasks.get(taskId);
      if (!task) return undefined;
      scope = { projectId: task.projectId, pipelineId: task.pipelineId };
      this.known.set(taskId, scope);
    }
    return scope;
  }

  forget(taskId: string): void {
    this.known.delete(taskId);
  }

  forgetProject(projectId: string): void {
    for (const [taskId, scope] of this.known) if (scope.projectId === projectId) this.known.delete(taskId);
  }
}
