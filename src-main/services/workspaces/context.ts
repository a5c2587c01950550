import type { Orphan, Task } from '../../../src-shared/contract';
import { DomainEventBus, type ContractEmit } from '../events';
import { resolveCommonGitDir } from '../git/repo-identity';
import type { RepoQueue } from '../git/repo-queue';
import type { Store } from '../store/store';

/** What the workspace and task operations share; built once by the facade. */
export interface WorkspaceContext {
  store: Store;
  /** Real path of the folder holding every worktree; every deletion is guarded to it. */
  worktreesRoot: string;
  now: () => number;
  /**
   * Runs git work that changes the repository's refs or worktree list, one at a time per
   * repository. Takes only what it needs: the repository's path (a `ProjectRow` fits).
   */
  inRepoQueue<T>(repository: { path: string }, operation: () => Promise<T>): Promise<T>;
  /** Background work `close()` must wait for. */
  track<T>(work: Promise<T>): Promise<T>;
  /** Resolves once all tracked work and every queued git operation have finished. */
  idle(): Promise<void>;
  /** Worktree creations still running, by task id, so a delete can wait for them. */
  creating: Map<string, Promise<Task>>;
  /** Adds live, in-memory facts (e.g. messages queued for a running agent) to a stored task. */
  decorateTask(task: Task): Task;
  /** The host's domain events: services built on the context publish and subscribe here. */
  events: DomainEventBus;
  /** What changed, said once for everyone (the UI hears it through the contract translator). */
  announce: {
    /** Re-reads the task and publishes `task.changed`; the task, unless it is gone. */
    taskChanged(taskId: string): Task | undefined;
    /** Publishes `task.created` for a task just stored; `actor` is who made it (default the user; `agent` for a subagent's task, `braid` for a pipeline's stages). */
    taskCreated(task: Task, actor?: 'user' | 'agent' | 'braid'): void;
    /** Publishes `task.removed`; resolves when its listeners are done (e.g. the task's services stopped). */
    taskRemoved(task: Task, cause: 'deleted' | 'archived'): Promise<void>;
    orphansChanged(projectId: string, orphans: Orphan[]): void;
  };
}

export function createWorkspaceContext(options: {
  store: Store;
  worktreesRoot: string;
  now: () => number;
  queue: RepoQueue;
  /** Contract events the workspace operations push themselves (orphans). */
  emit: ContractEmit;
  /** Default: a bus of the context's own (tests that need no other service). */
  events?: DomainEventBus;
  decorateTask?: (task: Task) => Task;
}): WorkspaceContext {
  const { store, queue, emit } = options;
  const events = options.events ?? new DomainEventBus();
  // The queue key is the repository's common git dir, resolved once per project path.
  const queueKeys = new Map<string, Promise<string>>();
  const queueKey = (path: string) => {
    let key = queueKeys.get(path);
    if (!key) {
      key = resolveCommonGitDir(path).then((dir) => dir ?? path);
      queueKeys.set(path, key);
    }
    return key;
  };
  const inFlight = new Set<Promise<unknown>>();
  const decorateTask = (task: Task) => options.decorateTask?.(task) ?? task;

  return {
    store,
    worktreesRoot: options.worktreesRoot,
    now: options.now,
    inRepoQueue: async (repository, operation) => queue.run(await queueKey(repository.path), operation),
    track: (work) => {
      inFlight.add(work);
      void work.finally(() => inFlight.delete(work)).catch(() => undefined);
      return work;
    },
    idle: async () => {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      await queue.idle();
    },
    creating: new Map(),
    decorateTask,
    events,
    announce: {
      taskChanged(taskId) {
        const stored = store.tasks.get(taskId);
        const task = stored && decorateTask(stored);
        if (task) void events.publish('task.changed', { task });
        return task;
      },
      taskCreated: (task, actor) => void events.publish('task.created', actor ? { task, actor } : { task }),
      taskRemoved: (task, cause) => events.publish('task.removed', { projectId: task.projectId, taskId: task.id, pipelineId: task.pipelineId, title: task.title, cause }),
      orphansChanged: (projectId, orphans) => emit('workspaces.orphansChanged', { projectId, orphans }),
    },
  };
}
