import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createServices } from '../index';
import { recordingEmit } from '../testing/recording-emit';
import { addRepository, expectOk, makeServices } from '../testing/services-fixture';
import { git } from '../../testing/git-fixtures';
import { tempFolder } from '../testing/temp-folders';

async function setupWithTask() {
  const fixture = makeServices();
  const project = await addRepository(fixture.services);
  const created = expectOk(await fixture.services.tasks.create({ projectId: project.id, title: 'Work', prompt: '', role: 'implement' }));
  const task = await created.settled;
  return { ...fixture, project, task };
}

/** Simulates a restart: the old services close, new ones open on the same data folder. */
async function restart(dataDir: string, close: () => Promise<void>, edit?: (db: Database.Database) => void) {
  await close();
  if (edit) {
    const db = new Database(join(dataDir, 'braid.db'));
    edit(db);
    db.close();
  }
  const recorder = recordingEmit();
  const services = createServices({ dataDir, emit: recorder.emit, env: {} });
  return { services, ...recorder };
}

describe('workspaces.reconcile', () => {
  it('marks a workspace whose folder vanished as missing, and recreate brings it back from its branch', async () => {
    const { services, task, of } = await setupWithTask();
    writeFileSync(join(task.workspace.path, 'committed.txt'), 'on the branch\n');
    git(task.workspace.path, 'add', '-A');
    git(task.workspace.path, 'commit', '--quiet', '-m', 'work on branch');
    rmSync(task.workspace.path, { recursive: true, force: true });

    await services.workspaces.reconcile();
    const missing = expectOk(services.tasks.list(task.projectId))[0];
    expect(missing?.workspace).toMatchObject({ state: 'missing', branchExists: true });
    expect(missing?.workspace.stateReason).toContain('is gone');
    expect(of('tasks.changed').at(-1)?.task.workspace.state).toBe('missing');

    const back = expectOk(await services.workspaces.recreate(task.id));
    expect(back.workspace).toMatchObject({ state: 'ready', stateReason: null });
    expect(readFileSync(join(task.workspace.path, 'committed.txt'), 'utf8')).toBe('on the branch\n');
  });

  it('says when a missing workspace’s branch is gone too, and refuses to recreate it', async () => {
    const { services, task, project } = await setupWithTask();
    rmSync(task.workspace.path, { recursive: true, force: true });
    git(project.repo, 'worktree', 'prune');
    git(project.repo, 'branch', '-D', task.workspace.branch);
    await services.workspaces.reconcile();
    expect(expectOk(services.tasks.list(project.id))[0]?.workspace).toMatchObject({ state: 'missing', branchExists: false });
    const result = await services.workspaces.recreate(task.id);
    expect(result.ok ? 'ok' : result.error.code).toBe('BRANCH_NOT_FOUND');
  });

  it('leaves healthy workspaces alone', async () => {
    const { services, task, of } = await setupWithTask();
    const before = of('tasks.changed').length;
    await services.workspaces.reconcile();
    expect(expectOk(services.tasks.list(task.projectId))).toEqual([task]);
    expect(of('tasks.changed')).toHaveLength(before);
  });

  it('after a crash mid-create, keeps a finished worktree and fails an unfinished one', async () => {
    const { services, dataDir, project } = await setupWithTask();
    const second = await expectOk(await services.tasks.create({ projectId: project.id, title: 'Unfinished', prompt: '', role: 'plan' })).settled;
    const first = expectOk(services.tasks.list(project.id))[0]!;
    // The first finished on disk before the "crash"; the second never got its worktree.
    git(project.repo, 'worktree', 'remove', '--force', second.workspace.path);
    git(project.repo, 'branch', '-D', second.workspace.branch);

    const after = await restart(dataDir, () => services.close(), (db) => db.prepare("UPDATE workspace SET state = 'creating'").run());
    await after.services.workspaces.reconcile();
    const [a, b] = expectOk(after.services.tasks.list(project.id));
    expect(a?.id).toBe(first.id);
    expect(a?.workspace).toMatchObject({ state: 'ready', stateReason: null });
    expect(b?.workspace).toMatchObject({ state: 'failed', branchExists: false });
    expect(b?.workspace.stateReason).toMatch(/interrupted while creating/);

    // A failed creation can be retried.
    const retried = expectOk(await after.services.workspaces.recreate(second.id));
    expect(retried.workspace.state).toBe('ready');
    expect(existsSync(join(second.workspace.path, 'README.md'))).toBe(true);
    await after.services.close();
  });

  it('lists folders nobody owns as orphans and removes them on request, guarded', async () => {
    const { services, project, task, of } = await setupWithTask();
    const projectDir = dirname(task.workspace.path);
    const strayFolder = join(projectDir, 'stray');
    mkdirSync(strayFolder);
    writeFileSync(join(strayFolder, 'notes.txt'), 'x');
    const strayWorktree = join(projectDir, 'stray-worktree');
    git(project.repo, 'worktree', 'add', '--quiet', '-b', 'braid/stray', strayWorktree);
    const outside = join(tempFolder(), 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'keep.txt'), 'keep');
    symlinkSync(outside, join(strayFolder, 'escape'));

    await services.workspaces.reconcile();
    const expected = [
      { projectId: project.id, path: strayFolder, branch: null },
      { projectId: project.id, path: strayWorktree, branch: 'braid/stray' },
    ];
    expect(expectOk(services.workspaces.orphans(project.id))).toEqual(expected);
    expect(of('workspaces.orphansChanged').at(-1)).toEqual({ projectId: project.id, orphans: expected });

    // Only orphans can be removed this way: not a task's workspace, not anything outside.
    for (const path of [task.workspace.path, outside, projectDir, join(strayFolder, '..', '..')]) {
      const refused = await services.workspaces.removeOrphan(project.id, path);
      expect(refused.ok ? 'ok' : refused.error.code).toBe('NOT_FOUND');
    }

    expectOk(await services.workspaces.removeOrphan(project.id, strayFolder));
    expectOk(await services.workspaces.removeOrphan(project.id, strayWorktree));
    expect(existsSync(strayFolder) || existsSync(strayWorktree)).toBe(false);
    expect(readFileSync(join(outside, 'keep.txt'), 'utf8')).toBe('keep');
    expect(git(project.repo, 'worktree', 'list')).not.toContain('stray-worktree');
    expect(existsSync(task.workspace.path)).toBe(true);
    expect(expectOk(services.workspaces.orphans(project.id))).toEqual([]);
    expect(of('workspaces.orphansChanged').at(-1)).toEqual({ projectId: project.id, orphans: [] });
  });
});
