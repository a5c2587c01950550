import { mkdirSync, realpathSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { Result, Task } from '../../../src-shared/contract';
import { createRepo, git, makeTempDir, writeFiles, type FixtureRepo } from '../../testing/git-fixtures';
import { DomainEventBus, forwardToContract } from '../events';
import { RepoQueue } from '../git/repo-queue';
import { createProjectService } from '../projects/project-service';
import { newId } from '../store/ids';
import { openStore, type Store } from '../store/store';
import { createTaskService } from '../tasks/task-service';
import { createWorkspaceContext, type WorkspaceContext } from '../workspaces/context';
import { recordingEmit } from './recording-emit';

/**
 * A real repository added as a project over a real SQLite file, and tasks with real worktrees
 * as the app makes them, for services built on the workspace context (the merge queue, pull
 * requests). `reopen()` opens the store again on the same data folder: a restart.
 */
export interface ProjectFixture {
  repo: FixtureRepo;
  dataDir: string;
  projectId: string;
  store: Store;
  context: WorkspaceContext;
  emitted: ReturnType<typeof recordingEmit>;
  /** A task (its worktree on a new branch from main) with `files` committed there, or left uncommitted. */
  task(title: string, files: Record<string, string>, options?: { commit?: boolean; prompt?: string }): Promise<Task>;
  /**
   * A task stored on `owner`'s workspace as the subagents and the review role store theirs: a
   * subagent's task of `parentTaskId` (at `depth`), or a review task of `reviewedTaskId`.
   */
  sharer(owner: Task, title: string, link: { parentTaskId: string; depth: number } | { reviewedTaskId: string }): Task;
  /** Closes the database after `beforeClose` (the services built on it) finished. */
  close(): Promise<void>;
  reopen(): void;
}

export async function makeProjectFixture(options: { files?: Record<string, string>; beforeClose?: () => Promise<void> } = {}): Promise<ProjectFixture> {
  const repo = createRepo({ files: options.files });
  const dataDir = makeTempDir('braid-project-data-');
  const worktreesRoot = join(dataDir, 'worktrees');
  mkdirSync(worktreesRoot);
  const emitted = recordingEmit();
  const repoQueue = new RepoQueue();
  let store!: Store;
  let context!: WorkspaceContext;
  let open = false;
  const openAll = () => {
    store = openStore(dataDir);
    const events = new DomainEventBus(() => undefined);
    forwardToContract(events, emitted.emit);
    context = createWorkspaceContext({ store, worktreesRoot: realpathSync(worktreesRoot), now: Date.now, queue: repoQueue, emit: emitted.emit, events });
    open = true;
  };
  const close = async () => {
    if (!open) return;
    open = false;
    await options.beforeClose?.();
    await context.idle();
    store.close();
  };
  onTestFinished(async () => {
    await close();
    repo.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  openAll();
  const project = expectOk(await createProjectService({ store, emit: emitted.emit, events: context.events, now: Date.now }).add(repo.path));
  return {
    repo,
    dataDir,
    projectId: project.id,
    get store() {
      return store;
    },
    get context() {
      return context;
    },
    emitted,
    async task(title, files, { commit = true, prompt = `Work on ${title}` } = {}) {
      const created = expectOk(await createTaskService(context).create({ projectId: project.id, title, prompt, role: 'implement' }));
      const task = await created.settled;
      if (task.workspace.state !== 'ready') throw new Error(`the worktree of ${title} was not made: ${task.workspace.stateReason}`);
      writeFiles(task.workspace.path, files);
      if (commit) {
        git(task.workspace.path, 'add', '-A');
        git(task.workspace.path, 'commit', '--quiet', '-m', title);
      }
      return task;
    },
    sharer(owner, title, link) {
      const id = newId();
      const subagent = 'parentTaskId' in link ? { agent: 'helper', source: 'project-braid' as const, depth: link.depth, callId: `call-${id}`, tools: null, disallowedTools: [], agents: null, prompt: 'Help.' } : null;
      const links = 'parentTaskId' in link ? { parentTaskId: link.parentTaskId } : { reviewedTaskId: link.reviewedTaskId };
      store.tasks.insert({ id, projectId: owner.projectId, workspaceId: owner.workspace.id, title, prompt: `Help with ${owner.title}`, role: subagent ? 'implement' : 'review', createdAt: Date.now(), ...links, subagent });
      return store.tasks.get(id)!;
    },
    close,
    reopen: openAll,
  };
}

function expectOk<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.data;
}
