import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Task, WorkAtRisk } from '../../../src-shared/contract';
import type { Services } from '../index';
import { addRepository, expectOk, makeServices } from '../testing/services-fixture';
import { commitAll, git } from '../../testing/git-fixtures';
import { tempFolder } from '../testing/temp-folders';

async function readyTask(services: Services, projectId: string, title = 'Some work'): Promise<Task> {
  const task = await expectOk(await services.tasks.create({ projectId, title, prompt: '', role: 'implement' })).settled;
  expect(task.workspace.state).toBe('ready');
  return task;
}

const branchExists = (repo: string, branch: string) => git(repo, 'branch', '--list', branch) !== '';

describe('tasks.delete', () => {
  it('removes a clean workspace: folder, branch, rows, and tells the UI', async () => {
    const { services, of } = makeServices();
    const project = await addRepository(services);
    const task = await readyTask(services, project.id);
    expectOk(await services.tasks.delete({ taskId: task.id, force: false, keepBranch: false }));
    expect(existsSync(task.workspace.path)).toBe(false);
    expect(branchExists(project.repo, task.workspace.branch)).toBe(false);
    expect(git(project.repo, 'worktree', 'list')).not.toContain(task.workspace.path);
    expect(expectOk(services.tasks.list(project.id))).toEqual([]);
    expect(of('tasks.changed').at(-1)?.task.workspace.state).toBe('deleting');
    expect(of('tasks.removed')).toEqual([{ projectId: project.id, taskId: task.id }]);
  });

  it('refuses to lose uncommitted changes or unmerged commits, listing them, unless forced', async () => {
    const { services } = makeServices();
    const project = await addRepository(services, { 'README.md': 'hello\n', 'old-name.txt': 'x\n' });
    const task = await readyTask(services, project.id);
    const wt = task.workspace.path;
    writeFileSync(join(wt, 'feature.ts'), 'new\n');
    commitAll(wt, 'Add the feature');
    writeFileSync(join(wt, 'README.md'), 'changed\n');
    writeFileSync(join(wt, 'scratch.txt'), 'untracked\n');
    git(wt, 'mv', 'old-name.txt', 'new-name.txt');

    const refused = await services.tasks.delete({ taskId: task.id, force: false, keepBranch: false });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('WORKSPACE_HAS_WORK');
    const risk = refused.error.details as WorkAtRisk;
    expect(risk.uncommitted).toEqual(
      expect.arrayContaining([
        { path: 'README.md', status: 'M' },
        { path: 'scratch.txt', status: '??' },
        { path: 'new-name.txt', status: 'R' },
      ]),
    );
    expect(risk.uncommitted).toHaveLength(3);
    expect(risk.unmergedCommits).toEqual([{ sha: git(wt, 'rev-parse', 'HEAD'), subject: 'Add the feature' }]);
    // Nothing was touched by the refusal.
    expect(readFileSync(join(wt, 'scratch.txt'), 'utf8')).toBe('untracked\n');
    expect(expectOk(services.tasks.list(project.id))[0]?.workspace.state).toBe('ready');

    expectOk(await services.tasks.delete({ taskId: task.id, force: true, keepBranch: false }));
    expect(existsSync(wt)).toBe(false);
    expect(branchExists(project.repo, task.workspace.branch)).toBe(false);
  });

  it('does not count commits already merged into the base branch', async () => {
    const { services } = makeServices();
    const project = await addRepository(services);
    const task = await readyTask(services, project.id);
    writeFileSync(join(task.workspace.path, 'done.txt'), 'done\n');
    commitAll(task.workspace.path, 'Finished');
    git(project.repo, 'merge', '--quiet', '--ff-only', task.workspace.branch);
    expectOk(await services.tasks.delete({ taskId: task.id, force: false, keepBranch: false }));
  });

  it('keeps the branch (and its commits are then not at risk) with keepBranch', async () => {
    const { services } = makeServices();
    const project = await addRepository(services);
    const task = await readyTask(services, project.id);
    commitAll(task.workspace.path, 'Work worth keeping');
    expectOk(await services.tasks.delete({ taskId: task.id, force: false, keepBranch: true }));
    expect(existsSync(task.workspace.path)).toBe(false);
    expect(branchExists(project.repo, task.workspace.branch)).toBe(true);
  });

  it('never follows a symlink out of the worktree: the file it points to survives', async () => {
    const { services } = makeServices();
    const project = await addRepository(services);
    const task = await readyTask(services, project.id);
    const outside = join(tempFolder(), 'precious');
    mkdirSync(outside);
    writeFileSync(join(outside, 'keep.txt'), 'keep me\n');
    symlinkSync(outside, join(task.workspace.path, 'link-to-dir'));
    symlinkSync(join(outside, 'keep.txt'), join(task.workspace.path, 'link-to-file'));
    expectOk(await services.tasks.delete({ taskId: task.id, force: true, keepBranch: false }));
    expect(existsSync(task.workspace.path)).toBe(false);
    expect(readFileSync(join(outside, 'keep.txt'), 'utf8')).toBe('keep me\n');
  });

  it('refuses a workspace whose recorded path was tampered to point outside the worktree folder', async () => {
    const { services, dataDir } = makeServices();
    const project = await addRepository(services);
    const task = await readyTask(services, project.id);
    const victim = join(tempFolder(), 'victim');
    mkdirSync(victim);
    writeFileSync(join(victim, 'important.txt'), 'do not delete\n');
    const db = new Database(join(dataDir, 'braid.db'));
    db.prepare('UPDATE workspace SET path = ? WHERE id = ?').run(victim, task.workspace.id);
    db.close();

    const result = await services.tasks.delete({ taskId: task.id, force: true, keepBranch: false });
    expect(result.ok ? 'ok' : result.error.code).toBe('PATH_OUTSIDE_ROOT');
    expect(readFileSync(join(victim, 'important.txt'), 'utf8')).toBe('do not delete\n');
    expect(expectOk(services.tasks.list(project.id))).toHaveLength(1);
  });

  it('just cleans up when the worktree folder is already gone', async () => {
    const { services } = makeServices();
    const project = await addRepository(services);
    const task = await readyTask(services, project.id);
    rmSync(task.workspace.path, { recursive: true, force: true });
    expectOk(await services.tasks.delete({ taskId: task.id, force: false, keepBranch: false }));
    expect(expectOk(services.tasks.list(project.id))).toEqual([]);
    expect(branchExists(project.repo, task.workspace.branch)).toBe(false);
    expect(git(project.repo, 'worktree', 'list', '--porcelain')).not.toContain(task.workspace.path);
  });

  it('waits for a creation in progress, then deletes', async () => {
    const { services } = makeServices();
    const project = await addRepository(services);
    const { task } = expectOk(await services.tasks.create({ projectId: project.id, title: 'quick', prompt: '', role: 'implement' }));
    expectOk(await services.tasks.delete({ taskId: task.id, force: false, keepBranch: false }));
    expect(existsSync(task.workspace.path)).toBe(false);
    expect(branchExists(project.repo, task.workspace.branch)).toBe(false);
  });

  it('answers NOT_FOUND for an unknown task', async () => {
    const { services } = makeServices();
    const result = await services.tasks.delete({ taskId: 'zzzzzzzzzz', force: false, keepBranch: false });
    expect(result.ok ? 'ok' : result.error.code).toBe('NOT_FOUND');
  });
});
