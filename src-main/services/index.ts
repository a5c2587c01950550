import { mkdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import type { Branches, EventName, MethodArgs, Orphan, Project, Result, Task } from '../../src-shared/contract';
import { RepoQueue } from './git/repo-queue';
import { createProjectService } from './projects/project-service';
import { openStore } from './store/store';
import type { CreatedTask } from './tasks/create-task';
import { createTaskService } from './tasks/task-service';
import { createWorkspaceContext } from './workspaces/context';
import { listOrphans, removeOrphan } from './workspaces/orphans';
import { reconcile } from './workspaces/reconcile';
import { recreateWorkspace } from './workspaces/recreate-workspace';

export interface ServicesOptions {
  /** Braid's own folder: the database lives here, and worktrees by default. */
  dataDir: string;
  /** Where worktrees go; defaults to `<dataDir>/worktrees`. */
  worktreesRoot?: string;
  /** Contract events (see src-shared/contract/events.ts) for the host to fan out. */
  emit: (event: EventName, payload: unknown) => void;
  now?: () => number;
}

export interface Services {
  projects: {
    /** Cheap: no git process runs (current branch comes from the HEAD file). */
    list(): Project[];
    add(path: string): Promise<Result<Project>>;
    /** Forgets the project's rows; never touches the repository or its worktrees. */
    remove(projectId: string): Result<{ removed: true }>;
    branches(projectId: string): Promise<Result<Branches>>;
    completePath(partial: string): Promise<{ entries: { path: string; isRepository: boolean }[] }>;
  };
  tasks: {
    list(projectId: string): Result<Task[]>;
    /** Returns once the task is stored (`creating`); `settled` resolves when git is done. */
    create(args: MethodArgs<'tasks.create'>): Promise<Result<CreatedTask>>;
    delete(args: MethodArgs<'tasks.delete'>): Promise<Result<{ deleted: true }>>;
  };
  workspaces: {
    recreate(taskId: string): Promise<Result<Task>>;
    orphans(projectId: string): Result<Orphan[]>;
    removeOrphan(projectId: string, path: string): Promise<Result<{ removed: true }>>;
    /** Start-up check of records against disk; call once after creating the services. */
    reconcile(): Promise<void>;
  };
  /** Waits for in-flight git work, then closes the database. */
  close(): Promise<void>;
}

export function createServices(options: ServicesOptions): Services {
  const now = options.now ?? Date.now;
  const store = openStore(options.dataDir);
  const requestedRoot = options.worktreesRoot ?? join(options.dataDir, 'worktrees');
  mkdirSync(requestedRoot, { recursive: true });
  // Stored paths and git's worktree list then agree even when the root is behind a symlink.
  const worktreesRoot = realpathSync(requestedRoot);
  const queue = new RepoQueue();
  const context = createWorkspaceContext({ store, worktreesRoot, now, queue, emit: options.emit });
  const projects = createProjectService({ store, emit: options.emit, now });
  const tasks = createTaskService(context);
  let closed: Promise<void> | undefined;

  return {
    projects: {
      list: projects.list,
      add: projects.add,
      remove: projects.remove,
      branches: projects.branches,
      completePath: projects.completePath,
    },
    tasks,
    workspaces: {
      recreate: (taskId) => recreateWorkspace(context, taskId),
      orphans: (projectId) => listOrphans(context, projectId),
      removeOrphan: (projectId, path) => removeOrphan(context, projectId, path),
      reconcile: () => reconcile(context),
    },
    close() {
      closed ??= context.idle().then(() => store.close());
      return closed;
    },
  };
}

export type { CreatedTask } from './tasks/create-task';
