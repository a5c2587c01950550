import type { EventName, EventPayload, Orphan, Task } from '../../../src-shared/contract';
import { resolveCommonGitDir } from '../git/repo-identity';
import type { RepoQueue } from '../git/repo-queue';
import type { ProjectRow } from '../store/project-repository';
import type { Store } from '../store/store';

export type Emit = (event: EventName, payload: unknown) => void;

/** What the workspace and task operations share; built once by the facade. */
export interface WorkspaceContext {
  store: Store;
  /** Real path of the folder holding every worktree; every deletion is guarded to it. */
  worktreesRoot: string;
  now: () => number;
  /** Runs git work that changes the repository's refs or worktree list, one at a time. */
  inRepoQueue<T>(project: ProjectRow, operation: () => Promise<T>): Promise<T>;
  /** Background work `close()` must wait for. */
  track<T>(work: Promise<T>): Promise<T>;
  /** Resolves once all tracked work and every queued git operation have finished. */
  idle(): Promise<void>;
  /** Worktree creations still running, by task id, so a delete can wait for them. */
  creating: Map<string, Promise<Task>>;
  /** Adds live, in-memory facts (e.g. messages queued for a running agent) to a stored task. */
  decorateTask(task: Task): Task;
  events: {
    taskChanged(taskId: string): Task | undefined;
    taskRemoved(projectId: string, taskId: string): void;
    orphansChanged(projectId: string, orphans: Orphan[]): void;
  };
}

export function createWorkspaceContext(options: {
  store: Store;
  worktreesRoot: string;
  now: () => number;
  queue: RepoQueue;
  emit: Emit;
  decorateTask?: (task: Task) => Task;
}): WorkspaceContext {
  const { store, queue, emit } = options;
  const typedEmit = <E extends EventName>(event: E, payload: EventPayload<E>) => emit(event, payload);
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
    inRepoQueue: async (project, operation) => queue.run(await queueKey(project.path), operation),
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
    events: {
      taskChanged(taskId) {
        const stored = store.tasks.get(taskId);
        const task = stored && decorateTask(stored);
        if (task) typedEmit('tasks.changed', { task });
        return task;
      },
      taskRemoved: (projectId, taskId) => typedEmit('tasks.removed', { projectId, taskId }),
      orphansChanged: (projectId, orphans) => typedEmit('workspaces.orphansChanged', { projectId, orphans }),
    },
  };
}
