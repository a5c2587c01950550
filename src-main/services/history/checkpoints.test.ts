import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectOk } from '../testing/services-fixture';
import { tempFolder } from '../testing/temp-folders';
import { createCheckpoint, deleteCheckpoints, listCheckpoints } from './checkpoints';
import { restoreCheckpoint } from './restore-checkpoint';
import { makeWorkspace } from '../testing/workspace-fixture';

describe('checkpoints', () => {
  it('stores the whole working state under a private ref without touching the index, HEAD or files', async () => {
    const ws = makeWorkspace({ 'README.md': '# app\n', 'src/nav.ts': 'v1\n', '.gitignore': 'dist/\n' });
    ws.write({ 'src/nav.ts': 'v2\n', 'notes/todo.md': 'untracked\n', 'dist/out.js': 'ignored' });
    ws.git('add', 'src/nav.ts');
    ws.write({ 'src/nav.ts': 'v3\n' });
    const head = ws.git('rev-parse', 'HEAD');
    const statusBefore = ws.git('status', '--porcelain');
    const stagedBefore = ws.git('diff', '--cached');

    const checkpoint = expectOk(await createCheckpoint(ws.handle, 'task000001', 1));

    expect(ws.git('rev-parse', 'refs/braid/checkpoints/task000001/1')).toBe(checkpoint.commit);
    expect(ws.git('rev-parse', `${checkpoint.commit}^`)).toBe(head);
    expect(ws.git('show', `${checkpoint.commit}:src/nav.ts`)).toBe('v3');
    expect(ws.git('show', `${checkpoint.commit}:notes/todo.md`)).toBe('untracked');
    expect(() => ws.git('show', `${checkpoint.commit}:dist/out.js`)).toThrow();
    expect(ws.git('rev-parse', 'HEAD')).toBe(head);
    expect(ws.git('status', '--porcelain')).toBe(statusBefore);
    expect(ws.git('diff', '--cached')).toBe(stagedBefore);
    expect(ws.git('branch', '--list')).not.toContain('checkpoint');
  });

  it('lists checkpoints by turn and forgets them with the task', async () => {
    const ws = makeWorkspace();
    for (const turn of [2, 10, 1]) {
      ws.write({ 'a.ts': `turn ${turn}\n` });
      expectOk(await createCheckpoint(ws.handle, 'task000001', turn));
    }
    expectOk(await createCheckpoint(ws.handle, 'task000002', 1));
    expect(expectOk(await listCheckpoints(ws.handle, 'task000001')).map((checkpoint) => checkpoint.turn)).toEqual([1, 2, 10]);
    expect(expectOk(await deleteCheckpoints({ path: ws.repo, inRepoQueue: ws.handle.inRepoQueue }, 'task000001'))).toEqual({ deleted: 3 });
    expect(expectOk(await listCheckpoints(ws.handle, 'task000001'))).toEqual([]);
    expect(expectOk(await listCheckpoints(ws.handle, 'task000002'))).toHaveLength(1);
    const bad = await createCheckpoint(ws.handle, '../x', 1);
    expect(bad.ok ? null : bad.error.code).toBe('INVALID_INPUT');
  });

  it('restores files to an earlier turn: tracked and untracked files back, files created later removed', async () => {
    const ws = makeWorkspace({ 'README.md': '# app\n', 'src/nav.ts': 'v1\n', '.gitignore': 'dist/\n' });
    ws.write({ 'src/nav.ts': 'turn 1\n', 'notes/todo.md': 'todo at turn 1\n' });
    expectOk(await createCheckpoint(ws.handle, 'task000001', 1));

    ws.write({ 'src/nav.ts': 'turn 2\n', 'notes/todo.md': 'todo at turn 2\n', 'src/extra/new.ts': 'created in turn 2\n', 'dist/out.js': 'ignored' });
    ws.git('rm', '--quiet', 'README.md');
    expectOk(await createCheckpoint(ws.handle, 'task000001', 2));

    const restored = expectOk(await restoreCheckpoint(ws.handle, 'task000001', 1));
    expect(restored.backup).toBeNull();
    expect(ws.read('src/nav.ts')).toBe('turn 1\n');
    expect(ws.read('notes/todo.md')).toBe('todo at turn 1\n');
    expect(ws.read('README.md')).toBe('# app\n');
    expect(existsSync(join(ws.handle.path, 'src/extra/new.ts'))).toBe(false);
    expect(existsSync(join(ws.handle.path, 'src/extra'))).toBe(false);
    expect(ws.read('dist/out.js')).toBe('ignored');
    expect(restored.files.map((file) => file.path).sort()).toEqual(['README.md', 'notes/todo.md', 'src/extra/new.ts', 'src/nav.ts']);

    // And forward again without being asked: the current state is turn 1's, so nothing is lost.
    expectOk(await restoreCheckpoint(ws.handle, 'task000001', 2));
    expect(ws.read('src/extra/new.ts')).toBe('created in turn 2\n');
    expect(existsSync(join(ws.handle.path, 'README.md'))).toBe(false);
  });

  it('asks first when there are changes newer than the latest checkpoint, and keeps a backup when forced', async () => {
    const ws = makeWorkspace({ 'README.md': '# app\n', 'a.ts': 'v1\n' });
    ws.write({ 'a.ts': 'turn 1\n' });
    expectOk(await createCheckpoint(ws.handle, 'task000001', 1));
    ws.write({ 'a.ts': 'by hand later\n', 'b.ts': 'new by hand\n' });

    const refused = await restoreCheckpoint(ws.handle, 'task000001', 1);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('CHECKPOINT_HAS_NEWER_CHANGES');
    expect(refused.error.details).toEqual({ files: ['a.ts', 'b.ts'], latestTurn: 1 });
    expect(ws.read('a.ts')).toBe('by hand later\n');

    const forced = expectOk(await restoreCheckpoint(ws.handle, 'task000001', 1, { force: true }));
    expect(ws.read('a.ts')).toBe('turn 1\n');
    expect(existsSync(join(ws.handle.path, 'b.ts'))).toBe(false);
    expect(forced.backup).not.toBeNull();
    expect(ws.git('show', `${forced.backup}:b.ts`)).toBe('new by hand');

    const missing = await restoreCheckpoint(ws.handle, 'task000001', 7);
    expect(missing.ok ? null : missing.error.code).toBe('NOT_FOUND');
  });

  it('restores across a folder that became a link out of the worktree, never writing through the link', async () => {
    const outside = tempFolder('braid-outside-');
    writeFileSync(join(outside, 'file.txt'), 'OUTSIDE\n');
    const ws = makeWorkspace({ 'README.md': '# app\n' });
    ws.write({ 'dir/file.txt': 'turn 1\n' });
    expectOk(await createCheckpoint(ws.handle, 'task000001', 1));
    rmSync(join(ws.handle.path, 'dir'), { recursive: true });
    symlinkSync(outside, join(ws.handle.path, 'dir'));
    expectOk(await createCheckpoint(ws.handle, 'task000001', 2));

    expectOk(await restoreCheckpoint(ws.handle, 'task000001', 1));
    expect(lstatSync(join(ws.handle.path, 'dir')).isDirectory()).toBe(true);
    expect(ws.read('dir/file.txt')).toBe('turn 1\n');
    expectOk(await restoreCheckpoint(ws.handle, 'task000001', 2));
    expect(lstatSync(join(ws.handle.path, 'dir')).isSymbolicLink()).toBe(true);

    // A checkpoint whose tree holds the link and a file under it (an agent's command can write any ref).
    const gitInput = (args: string[], input: string) => execFileSync('git', args, { cwd: ws.handle.path, input, encoding: 'utf8' }).trim();
    const blob = (text: string) => gitInput(['hash-object', '-w', '--stdin'], text);
    const inner = gitInput(['mktree'], `100644 blob ${blob('PLANTED\n')}\tfile.txt\n`);
    const tree = gitInput(['mktree'], `100644 blob ${blob('# app\n')}\tREADME.md\n120000 blob ${blob(outside)}\tdir\n040000 tree ${inner}\tdir\n`);
    const commit = ws.git('commit-tree', tree, '-m', 'crafted');
    ws.git('update-ref', 'refs/braid/checkpoints/task000001/3', commit);
    expectOk(await restoreCheckpoint(ws.handle, 'task000001', 3, { force: true }));
    expect(lstatSync(join(ws.handle.path, 'dir')).isDirectory()).toBe(true);
    expect(ws.read('dir/file.txt')).toBe('PLANTED\n');
    expect(readdirSync(outside)).toEqual(['file.txt']);
    expect(readFileSync(join(outside, 'file.txt'), 'utf8')).toBe('OUTSIDE\n');
  });
});
