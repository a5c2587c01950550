import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addRepository, expectOk, makeServices } from '../testing/services-fixture';
import { createRepo, git } from '../../testing/git-fixtures';
import { tempFolder } from '../testing/temp-folders';

describe('projects.add', () => {
  it('adds a repository with its name, current and default branch, and announces it', async () => {
    const { services, of } = makeServices();
    const repo = createRepo({ path: join(tempFolder(), 'my-app') }).path;
    const project = expectOk(await services.projects.add(repo));
    expect(project).toMatchObject({ name: 'my-app', path: repo, currentBranch: 'main', defaultBranch: 'main' });
    expect(services.projects.list()).toEqual([project]);
    expect(of('projects.changed').at(-1)?.projects).toEqual([project]);
  });

  it.each([
    ['a path that does not exist', (dir: string) => join(dir, 'nope'), 'PATH_NOT_FOUND'],
    ['a file', (dir: string) => (writeFileSync(join(dir, 'f.txt'), 'x'), join(dir, 'f.txt')), 'NOT_A_DIRECTORY'],
    ['a plain folder', (dir: string) => (mkdirSync(join(dir, 'plain')), join(dir, 'plain')), 'NOT_A_GIT_REPOSITORY'],
    ['a bare repository', (dir: string) => (git(dir, 'init', '--quiet', '--bare', 'b.git'), join(dir, 'b.git')), 'BARE_REPOSITORY'],
    ['a repository with no commits', (dir: string) => (git(dir, 'init', '--quiet', 'empty'), join(dir, 'empty')), 'NO_COMMITS'],
    ['the .git folder of a repository', (dir: string) => join(createRepo({ path: join(dir, 'r') }).path, '.git'), 'NOT_A_GIT_REPOSITORY'],
  ])('refuses %s with a clear message and stores nothing', async (_name, makePath, code) => {
    const { services, events } = makeServices();
    const result = await services.projects.add(makePath(tempFolder()));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.message.length).toBeGreaterThan(10);
    expect(services.projects.list()).toEqual([]);
    expect(events).toEqual([]);
  });

  it('adds the repository when given a subfolder, and refuses the same repository twice', async () => {
    const { services } = makeServices();
    const repo = createRepo({ path: join(tempFolder(), 'app'), files: { 'src/deep/file.ts': 'x' } }).path;
    const project = expectOk(await services.projects.add(join(repo, 'src', 'deep')));
    expect(project.path).toBe(repo);
    const again = await services.projects.add(repo);
    expect(again.ok ? 'ok' : again.error.code).toBe('ALREADY_ADDED');
    // Through a symlink it is still the same repository.
    const link = join(tempFolder(), 'link');
    symlinkSync(repo, link);
    const viaLink = await services.projects.add(link);
    expect(viaLink.ok ? 'ok' : viaLink.error.code).toBe('ALREADY_ADDED');
    expect(services.projects.list()).toHaveLength(1);
  });

  it('refuses a linked worktree and points to its main repository', async () => {
    const { services } = makeServices();
    const repo = createRepo({ path: join(tempFolder(), 'app') }).path;
    const worktree = join(tempFolder(), 'wt');
    git(repo, 'worktree', 'add', '--quiet', '-b', 'side', worktree);
    const result = await services.projects.add(worktree);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('NOT_A_GIT_REPOSITORY');
    expect(result.error.message).toContain('linked worktree');
    expect(result.error.details).toEqual({ mainRepository: repo });
  });

  it('expands ~ to the home folder', async () => {
    const { services } = makeServices();
    const repo = createRepo({ path: join(tempFolder(), 'app') }).path;
    const typed = `~/${relative(homedir(), repo)}`;
    const project = expectOk(await services.projects.add(typed));
    expect(project.path).toBe(repo);
  });
});

describe('projects.branches', () => {
  it('lists local branches with the current and default branch', async () => {
    const { services } = makeServices();
    const project = await addRepository(services);
    git(project.repo, 'branch', 'feature/a');
    git(project.repo, 'checkout', '--quiet', '-b', 'work');
    expect(expectOk(await services.projects.branches(project.id))).toEqual({
      current: 'work',
      default: 'main',
      local: ['feature/a', 'main', 'work'],
    });
    expect(services.projects.list()[0]?.currentBranch).toBe('work');
  });

  it('takes the default branch from origin/HEAD when the repository has a remote', async () => {
    const { services } = makeServices();
    const upstream = createRepo({ path: join(tempFolder(), 'upstream') }).path;
    git(upstream, 'branch', '-m', 'main', 'trunk');
    const clone = join(tempFolder(), 'clone');
    git(tempFolder(), 'clone', '--quiet', upstream, clone);
    git(clone, 'checkout', '--quiet', '-b', 'mine');
    const project = expectOk(await services.projects.add(clone));
    expect(project.defaultBranch).toBe('trunk');
    expect(expectOk(await services.projects.branches(project.id)).default).toBe('trunk');
  });

  it('answers NOT_FOUND for an unknown project', async () => {
    const { services } = makeServices();
    const result = await services.projects.branches('zzzzzzzzzz');
    expect(result.ok ? 'ok' : result.error.code).toBe('NOT_FOUND');
  });
});

describe('projects.remove', () => {
  it('forgets the project and its tasks but leaves the repository and worktrees on disk', async () => {
    const { services } = makeServices();
    const project = await addRepository(services);
    const created = expectOk(await services.tasks.create({ projectId: project.id, title: 'Keep me', prompt: '', role: 'implement' }));
    const task = await created.settled;
    expect(task.workspace.state).toBe('ready');
    const repoBefore = readdirSync(project.repo).sort();
    const branchesBefore = git(project.repo, 'branch', '--list');

    expect(expectOk(services.projects.remove(project.id))).toEqual({ removed: true });
    expect(services.projects.list()).toEqual([]);
    expect(readdirSync(project.repo).sort()).toEqual(repoBefore);
    expect(git(project.repo, 'branch', '--list')).toBe(branchesBefore);
    expect(readdirSync(task.workspace.path)).toContain('README.md');
    const again = services.projects.remove(project.id);
    expect(again.ok ? 'ok' : again.error.code).toBe('NOT_FOUND');
  });

  it('deletes the project’s audit trail with it, including entries still waiting to be written', async () => {
    const { services, dataDir } = makeServices();
    const project = await addRepository(services);
    const first = expectOk(await services.tasks.create({ projectId: project.id, title: 'Written', prompt: '', role: 'implement' }));
    await first.settled;
    // Reading the trail writes what waits: the first task's entry is in the database now.
    expect(expectOk(services.audit.list({ projectId: project.id, limit: 10 })).entries).toHaveLength(1);
    // The second task's entry still waits for the next flush when the project goes (removed at once).
    const second = expectOk(await services.tasks.create({ projectId: project.id, title: 'Waiting', prompt: '', role: 'implement' }));
    expectOk(services.projects.remove(project.id));
    await second.settled;
    await services.close();
    const db = new Database(join(dataDir, 'braid.db'), { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) FROM audit_entry WHERE project_id = ?').pluck().get(project.id)).toBe(0);
    } finally {
      db.close();
    }
  });
});
