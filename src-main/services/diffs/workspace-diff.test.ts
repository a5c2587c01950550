import { describe, expect, it } from 'vitest';
import { expectOk } from '../testing/services-fixture';
import { commitAll, writeFiles } from '../../testing/git-fixtures';
import type { DiffFile } from './diff-types';
import { latin1Name, makeWorkspace, writeRawName } from '../testing/workspace-fixture';
import { workspaceDiff } from './workspace-diff';

const byPath = (files: DiffFile[]) => Object.fromEntries(files.map((file) => [file.path, file]));

describe('workspaceDiff', () => {
  it('lists committed, staged, unstaged and untracked changes with line counts and totals', async () => {
    const ws = makeWorkspace({ 'a.txt': 'one\ntwo\n', 'b.txt': 'b\n', 'c.txt': 'c\n' });
    ws.write({ 'a.txt': 'one\ntwo\nthree\n' });
    ws.commit('committed change');
    ws.write({ 'b.txt': 'B\n' });
    ws.git('add', 'b.txt');
    ws.write({ 'c.txt': 'c\nmore\nlines\n', 'new/untracked.md': 'x\ny\nz' });

    const diff = expectOk(await workspaceDiff(ws));
    const files = byPath(diff.files);
    expect(Object.keys(files)).toEqual(['a.txt', 'b.txt', 'c.txt', 'new/untracked.md']);
    expect(files['a.txt']).toMatchObject({ status: 'modified', additions: 1, deletions: 0, binary: false });
    expect(files['b.txt']).toMatchObject({ status: 'modified', additions: 1, deletions: 1 });
    expect(files['c.txt']).toMatchObject({ status: 'modified', additions: 2, deletions: 0, sizeBytes: 13 });
    expect(files['new/untracked.md']).toMatchObject({ status: 'untracked', additions: 3, deletions: 0, binary: false, sizeBytes: 5 });
    expect(diff.totals).toEqual({ files: 4, additions: 7, deletions: 1 });
    expect(diff.mergeBase).toBe(ws.baseCommit);
    expect(diff.baseSource).toBe('branch');
  });

  it('handles binary files, renames, mode changes, deletions and file ↔ symlink changes', async () => {
    const ws = makeWorkspace({
      'logo.bin': '\0\x01\x02',
      'old-name.ts': 'export const a = 1;\nexport const b = 2;\nexport const c = 3;\nexport const d = 4;\n',
      'run.sh': 'echo hi\n',
      'gone.txt': 'bye\n',
      'link-me': 'plain file\n',
    });
    ws.write({ 'logo.bin': Buffer.from([0, 9, 9, 9]), 'fresh.bin': Buffer.from([1, 0, 2]) });
    ws.git('mv', 'old-name.ts', 'new-name.ts');
    ws.chmod('run.sh', 0o755);
    ws.remove('gone.txt');
    ws.symlink('run.sh', 'link-me');

    const files = byPath(expectOk(await workspaceDiff(ws)).files);
    expect(files['logo.bin']).toMatchObject({ status: 'modified', binary: true, additions: 0, deletions: 0 });
    expect(files['fresh.bin']).toMatchObject({ status: 'untracked', binary: true, additions: 0 });
    expect(files['new-name.ts']).toMatchObject({ status: 'renamed', oldPath: 'old-name.ts', additions: 0, deletions: 0, similarity: 100 });
    expect(files['old-name.ts']).toBeUndefined();
    expect(files['run.sh']).toMatchObject({ status: 'modified', oldMode: '100644', newMode: '100755', additions: 0, deletions: 0 });
    expect(files['gone.txt']).toMatchObject({ status: 'deleted', deletions: 1, oldMode: '100644' });
    expect(files['gone.txt']!.newMode).toBeUndefined();
    expect(files['link-me']).toMatchObject({ status: 'typechange', oldMode: '100644', newMode: '120000' });
  });

  it('keeps names that are not UTF-8 losslessly, tracked or untracked', async () => {
    const ws = makeWorkspace();
    writeRawName(ws.path, latin1Name, 'bonjour\n');
    const untracked = expectOk(await workspaceDiff(ws)).files;
    expect(untracked).toHaveLength(1);
    expect(untracked[0]).toMatchObject({ path: 'caf\uFFFD.txt', status: 'untracked', additions: 1 });
    expect(Buffer.from(untracked[0]!.pathBytes!, 'base64').equals(latin1Name)).toBe(true);

    ws.commit('add a Latin-1 name');
    writeRawName(ws.path, latin1Name, 'bonjour\nau revoir\n');
    const tracked = expectOk(await workspaceDiff(ws)).files;
    expect(tracked[0]).toMatchObject({ path: 'caf\uFFFD.txt', status: 'added', additions: 2 });
    expect(Buffer.from(tracked[0]!.pathBytes!, 'base64').equals(latin1Name)).toBe(true);
  });

  it('lists very large files with their size and marks them too large, tracked or not', async () => {
    const ws = makeWorkspace({ 'data.csv': 'a,b\n' });
    const big = 'x'.repeat(99) + '\n';
    ws.write({ 'data.csv': big.repeat(30_000), 'dump.log': big.repeat(30_000) });
    const files = byPath(expectOk(await workspaceDiff(ws)).files);
    expect(files['data.csv']).toMatchObject({ status: 'modified', tooLarge: true, sizeBytes: 3_000_000 });
    // Untracked and over the byte limit: sized, never counted line by line.
    expect(files['dump.log']).toMatchObject({ status: 'untracked', tooLarge: true, sizeBytes: 3_000_000, binary: false });
  });

  it('drops a file that was changed and then changed back', async () => {
    const ws = makeWorkspace({ 'a.txt': 'same\n' });
    ws.write({ 'a.txt': 'different\n' });
    expect(expectOk(await workspaceDiff(ws)).files.map((file) => file.path)).toEqual(['a.txt']);
    ws.write({ 'a.txt': 'same\n' });
    expect(expectOk(await workspaceDiff(ws)).files).toEqual([]);
  });

  it('measures from the merge-base, so new commits on the base branch are not the workspace’s', async () => {
    const ws = makeWorkspace({ 'shared.txt': 'base\n' });
    ws.write({ 'mine.txt': 'workspace work\n' });
    ws.commit('workspace commit');
    // The base branch moves on after the workspace was created.
    writeFiles(ws.repo, { 'theirs.txt': 'landed on main\n', 'shared.txt': 'changed on main\n' });
    commitAll(ws.repo, 'main moves on');

    const diff = expectOk(await workspaceDiff(ws));
    expect(diff.files.map((file) => file.path)).toEqual(['mine.txt']);
    expect(diff.mergeBase).toBe(ws.baseCommit);
  });

  it('falls back to the recorded base commit when the base branch is gone', async () => {
    const ws = makeWorkspace({ 'a.txt': 'a\n' });
    ws.git('-C', ws.repo, 'checkout', '--quiet', '--detach');
    ws.git('-C', ws.repo, 'branch', '-D', 'main');
    ws.write({ 'a.txt': 'b\n' });
    const diff = expectOk(await workspaceDiff(ws));
    expect(diff).toMatchObject({ baseSource: 'baseCommit', mergeBase: ws.baseCommit });
    expect(diff.files.map((file) => file.path)).toEqual(['a.txt']);
  });

  it('fails with a value when the workspace folder is missing', async () => {
    const ws = makeWorkspace();
    const result = await workspaceDiff({ ...ws, path: `${ws.path}-missing` });
    expect(result).toMatchObject({ ok: false, error: { code: 'PATH_NOT_FOUND' } });
  });
});
