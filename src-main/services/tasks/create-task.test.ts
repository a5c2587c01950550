import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addRepository, expectOk, makeServices } from '../testing/services-fixture';
import { git } from '../../testing/git-fixtures';

describe('tasks.create', () => {
  it('returns the task at once in `creating`, then makes its worktree on a new untracked branch', async () => {
    const { services, worktreesRoot, of } = makeServices();
    const project = await addRepository(services, { 'src/app.ts': 'export {};\n' });
    const head = git(project.repo, 'rev-parse', 'HEAD');

    const { task, settled } = expectOk(
      await services.tasks.create({ projectId: project.id, title: 'Rethink navigation!', prompt: 'Make it better', role: 'plan' }),
    );
    expect(task.workspace.state).toBe('creating');
    expect(task).toMatchObject({ title: 'Rethink navigation!', prompt: 'Make it better', role: 'plan' });
    const short = task.id.slice(0, 6);
    expect(task.workspace.branch).toBe(`braid/rethink-navigation-${short}`);
    expect(task.workspace.path).toBe(join(worktreesRoot, `app-${project.id.slice(0, 6)}`, `rethink-navigation-${short}`));

    const ready = await settled;
    expect(ready.workspace).toMatchObject({ state: 'ready', stateReason: null, baseBranch: 'main', baseCommit: head, branchExists: true });
    expect(readFileSync(join(ready.workspace.path, 'src/app.ts'), 'utf8')).toBe('export {};\n');
    expect(git(ready.workspace.path, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe(ready.workspace.branch);
    // No upstream: pushing or pulling never touches the base branch by accident.
    expect(() => git(ready.workspace.path, 'rev-parse', '--abbrev-ref', '@{upstream}')).toThrow();
    // Then its setup: the port block and the config read (this repository has no setup script).
    expect(of('tasks.changed').map((e) => [e.task.workspace.state, e.task.workspace.setup.state])).toEqual([
      ['creating', 'pending'],
      ['ready', 'pending'],
      ['ready', 'preparing'],
      ['ready', 'none'],
    ]);
    expect(expectOk(services.tasks.list(project.id))).toEqual([ready]);
  });

  it('branches from a chosen base branch', async () => {
    const { services } = makeServices();
    const project = await addRepository(services);
    git(project.repo, 'checkout', '--quiet', '-b', 'release');
    git(project.repo, 'commit', '--quiet', '--allow-empty', '-m', 'on release');
    const releaseHead = git(project.repo, 'rev-parse', 'release');
    const mainHead = git(project.repo, 'rev-parse', 'main');

    const fromCurrent = await expectOk(await services.tasks.create({ projectId: project.id, title: 'a', prompt: '', role: 'implement' })).settled;
    expect(fromCurrent.workspace).toMatchObject({ baseBranch: 'release', baseCommit: releaseHead });
    const fromMain = await expectOk(
      await services.tasks.create({ projectId: project.id, title: 'b', prompt: '', role: 'implement', baseBranch: 'main' }),
    ).settled;
    expect(fromMain.workspace).toMatchObject({ baseBranch: 'main', baseCommit: mainHead, state: 'ready' });
  });

  it('refuses a base branch that does not exist and stores nothing', async () => {
    const { services, worktreesRoot, events } = makeServices();
    const project = await addRepository(services);
    events.length = 0;
    const result = await services.tasks.create({ projectId: project.id, title: 'x', prompt: '', role: 'implement', baseBranch: 'nope' });
    expect(result.ok ? 'ok' : result.error.code).toBe('BRANCH_NOT_FOUND');
    expect(expectOk(services.tasks.list(project.id))).toEqual([]);
    expect(events).toEqual([]);
    expect(existsSync(worktreesRoot) ? readdirSync(worktreesRoot) : []).toEqual([]);
  });

  it('refuses a review of nothing: a review is started on the task it reviews, and nothing is stored', async () => {
    const { services, worktreesRoot, events } = makeServices();
    const project = await addRepository(services);
    events.length = 0;
    const result = await services.tasks.create({ projectId: project.id, title: 'Review it', prompt: '', role: 'review' });
    expect(result.ok ? 'ok' : result.error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/Start review/) });
    expect(expectOk(services.tasks.list(project.id))).toEqual([]);
    expect(events).toEqual([]);
    expect(existsSync(worktreesRoot) ? readdirSync(worktreesRoot) : []).toEqual([]);
  });

  it('refuses an unknown project', async () => {
    const { services } = makeServices();
    const result = await services.tasks.create({ projectId: 'zzzzzzzzzz', title: 'x', prompt: '', role: 'implement' });
    expect(result.ok ? 'ok' : result.error.code).toBe('NOT_FOUND');
  });

  it('creates 10 tasks at once on one repository, all successfully', async () => {
    const { services } = makeServices();
    const project = await addRepository(services);
    const created = await Promise.all(
      Array.from({ length: 10 }, (_, i) => services.tasks.create({ projectId: project.id, title: `Same title`, prompt: `${i}`, role: 'implement' })),
    );
    const settled = await Promise.all(created.map((result) => expectOk(result).settled));
    expect(settled.map((task) => [task.workspace.state, task.workspace.stateReason])).toEqual(Array(10).fill(['ready', null]));
    expect(new Set(settled.map((task) => task.workspace.path)).size).toBe(10);
    const worktrees = git(project.repo, 'worktree', 'list', '--porcelain').split('\n').filter((l) => l.startsWith('worktree '));
    expect(worktrees).toHaveLength(11);
  });

  it('marks the workspace failed with git’s reason when the worktree cannot be made', async () => {
    const { services } = makeServices();
    const project = await addRepository(services);
    const { settled: firstSettled } = expectOk(await services.tasks.create({ projectId: project.id, title: 'first', prompt: '', role: 'implement' }));
    expect((await firstSettled).workspace.state).toBe('ready');
    // A plain branch named "braid" makes every `braid/...` ref impossible to create: git refuses.
    git(project.repo, 'branch', '-m', (await firstSettled).workspace.branch, 'kept-work');
    git(project.repo, 'branch', 'braid');
    const second = expectOk(await services.tasks.create({ projectId: project.id, title: 'second', prompt: '', role: 'implement' }));
    const failed = await second.settled;
    expect(failed.workspace.state).toBe('failed');
    expect(failed.workspace.stateReason).toMatch(/Git could not create the worktree: .*braid/);
    expect(expectOk(services.tasks.list(project.id)).map((t) => t.workspace.state)).toEqual(['ready', 'failed']);
  });

  it('close() waits for a worktree still being created before closing the database', async () => {
    const { services } = makeServices();
    const project = await addRepository(services);
    const { settled } = expectOk(await services.tasks.create({ projectId: project.id, title: 'late', prompt: '', role: 'implement' }));
    let settledFirst = false;
    void settled.then(() => (settledFirst = true));
    await services.close();
    expect(settledFirst).toBe(true);
    expect((await settled).workspace.state).toBe('ready');
  });
});
