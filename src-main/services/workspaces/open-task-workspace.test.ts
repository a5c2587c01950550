import { describe, expect, it, onTestFinished } from 'vitest';
import { RepoQueue } from '../git/repo-queue';
import { openStore } from '../store/store';
import { tempFolder } from '../testing/temp-folders';
import { createWorkspaceContext } from './context';
import { openTaskWorkspace } from './open-task-workspace';

/** A stored project, workspace and task (no git needed: only the rows are read). */
function storedTask() {
  const store = openStore(tempFolder('braid-open-data-'));
  onTestFinished(() => store.close());
  store.projects.insert({ id: 'proj000001', name: 'app', path: '/repos/app', defaultBranch: 'main', createdAt: 1 });
  store.workspaces.insert({ id: 'work000001', projectId: 'proj000001', path: '/worktrees/app/task', branch: 'braid/task', baseBranch: 'main', baseCommit: 'abc123', state: 'ready', stateReason: null, branchExists: true, createdAt: 2 });
  store.tasks.insert({ id: 'task000001', projectId: 'proj000001', workspaceId: 'work000001', title: 'nav', prompt: '', role: 'implement', createdAt: 3 });
  const queued: string[] = [];
  const queue = new RepoQueue();
  const context = createWorkspaceContext({ store, worktreesRoot: tempFolder(), now: () => 1000, queue, emit: () => undefined });
  const inRepoQueue = context.inRepoQueue;
  context.inRepoQueue = (repository, operation) => {
    queued.push(repository.path);
    return inRepoQueue(repository, operation);
  };
  return { store, context, queued };
}

const codeOf = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'ok' : result.error?.code);

describe('openTaskWorkspace', () => {
  it('opens a ready workspace for either use, with a handle whose queue is the repository’s', async () => {
    const { context, queued } = storedTask();
    const opened = openTaskWorkspace(context, 'task000001', 'worktree');
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.data.project).toEqual({ id: 'proj000001', path: '/repos/app' });
    expect(opened.data.handle).toMatchObject({ path: '/worktrees/app/task', branch: 'braid/task', baseBranch: 'main', baseCommit: 'abc123' });
    expect(await opened.data.handle.inRepoQueue(async () => 'ran')).toBe('ran');
    expect(queued).toEqual(['/repos/app']);
    expect(codeOf(openTaskWorkspace(context, 'task000001', 'branch'))).toBe('ok');
  });

  it('lets a merge use a workspace whose folder is missing (its branch has the work), but not review or history', () => {
    const { store, context } = storedTask();
    store.workspaces.setState('work000001', { state: 'missing', stateReason: 'The folder was deleted.' });
    expect(codeOf(openTaskWorkspace(context, 'task000001', 'branch'))).toBe('ok');
    expect(openTaskWorkspace(context, 'task000001', 'worktree')).toEqual({
      ok: false,
      error: { code: 'WORKSPACE_NOT_READY', message: 'The workspace is missing: The folder was deleted.' },
    });
  });

  it('refuses a workspace being made, deleted or failed for both, and a task that is gone', () => {
    const { store, context } = storedTask();
    for (const state of ['creating', 'deleting', 'failed'] as const) {
      store.workspaces.setState('work000001', { state, stateReason: null });
      expect([codeOf(openTaskWorkspace(context, 'task000001', 'worktree')), codeOf(openTaskWorkspace(context, 'task000001', 'branch'))]).toEqual([
        'WORKSPACE_NOT_READY',
        'WORKSPACE_NOT_READY',
      ]);
    }
    expect(openTaskWorkspace(context, 'task000404', 'branch')).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'That task does not exist any more.' } });
  });
});
