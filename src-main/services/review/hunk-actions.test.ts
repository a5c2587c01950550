import { existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileDiff } from '../diffs/file-diff';
import { hunkRange, type Hunk } from '../diffs/hunk';
import { asFile, makeWorkspace, numberedLines } from '../testing/workspace-fixture';
import { expectOk } from '../testing/services-fixture';
import { tempFolder } from '../testing/temp-folders';
import { acceptHunk } from './accept-hunk';
import { revertHunk } from './revert-hunk';

/** A workspace whose nav.ts (20 lines) has two separate changes: line 3 and line 15. */
function workspaceWithTwoHunks() {
  const original = numberedLines(20);
  const ws = makeWorkspace({ 'README.md': '# app\n', 'src/nav.ts': asFile(original), 'src/other.ts': 'other\n' });
  const edited = [...original];
  edited[2] = 'line 3 changed';
  edited[14] = 'line 15 changed';
  ws.write({ 'src/nav.ts': asFile(edited) });
  return { ws, original, edited };
}

const firstHunk = { oldStart: 3, oldLines: 1, newStart: 3, newLines: 1 };
const secondHunk = { oldStart: 15, oldLines: 1, newStart: 15, newLines: 1 };

describe('accepting a hunk', () => {
  it('commits only that hunk; the other stays as an unstaged change', async () => {
    const { ws } = workspaceWithTwoHunks();
    const before = ws.git('rev-parse', 'HEAD');

    const accepted = expectOk(await acceptHunk(ws.handle, { path: 'src/nav.ts', hunk: firstHunk }));

    expect(accepted).toMatchObject({ path: 'src/nav.ts', message: 'Update nav.ts (line 3)' });
    expect(ws.git('rev-parse', 'HEAD^')).toBe(before);
    expect(ws.git('log', '-1', '--format=%s')).toBe('Update nav.ts (line 3)');
    const committed = ws.git('show', 'HEAD:src/nav.ts').split('\n');
    expect(committed[2]).toBe('line 3 changed');
    expect(committed[14]).toBe('line 15');
    expect(ws.git('diff', '--cached', '--name-only')).toBe('');
    const unstaged = ws.git('diff', '-U0', '--', 'src/nav.ts');
    expect(unstaged).toMatch(/@@ -15 \+15 @@.*\n-line 15\n\+line 15 changed/);
    expect(unstaged).not.toContain('-line 3\n');
  });

  it('refuses a hunk that no longer matches the file, doing nothing', async () => {
    const { ws, edited } = workspaceWithTwoHunks();
    const head = ws.git('rev-parse', 'HEAD');
    // The agent writes again: two lines inserted above, the second hunk moves down.
    ws.write({ 'src/nav.ts': asFile(['new a', 'new b', ...edited]) });

    const result = await acceptHunk(ws.handle, { path: 'src/nav.ts', hunk: secondHunk });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('HUNK_CHANGED');
    expect(result.error.details).toMatchObject({ path: 'src/nav.ts', current: expect.arrayContaining([{ oldStart: 15, oldLines: 1, newStart: 17, newLines: 1 }]) });
    expect(ws.git('rev-parse', 'HEAD')).toBe(head);
    expect(ws.git('status', '--porcelain')).toBe('M src/nav.ts');
  });

  it('takes a hunk of the three-line-context diff, which groups nearby changes', async () => {
    const original = numberedLines(12);
    const ws = makeWorkspace({ 'a.txt': asFile(original) });
    const edited = [...original];
    edited[4] = 'five';
    edited[6] = 'seven';
    ws.write({ 'a.txt': asFile(edited) });
    // With context, lines 5 and 7 are one hunk: lines 2-10.
    expectOk(await acceptHunk(ws.handle, { path: 'a.txt', hunk: { oldStart: 2, oldLines: 9, newStart: 2, newLines: 9 }, message: 'Both' }));
    expect(ws.git('show', 'HEAD:a.txt')).toBe(asFile(edited).trimEnd());
    expect(ws.git('status', '--porcelain')).toBe('');
  });

  it('leaves what else was staged alone, and adds an untracked file as a whole', async () => {
    const { ws } = workspaceWithTwoHunks();
    ws.write({ 'src/other.ts': 'other, staged by hand\n', 'src/new/feature.ts': 'a\nb\n' });
    ws.git('add', 'src/other.ts');

    const accepted = expectOk(await acceptHunk(ws.handle, { path: 'src/new/feature.ts', hunk: { oldStart: 0, oldLines: 0, newStart: 1, newLines: 2 } }));
    expect(accepted).toMatchObject({ message: 'Add feature.ts' });
    expect(ws.git('show', '--name-only', '--format=', 'HEAD')).toBe('src/new/feature.ts');
    expect(ws.git('diff', '--cached', '--name-only')).toBe('src/other.ts');
    expect(ws.git('status', '--porcelain', '--', 'src/new')).toBe('');

    const whole = expectOk(await acceptHunk(ws.handle, { path: 'src/nav.ts', hunk: 'file' }));
    expect(whole).toMatchObject({ message: 'Update nav.ts' });
    expect(ws.git('show', '--name-only', '--format=', 'HEAD')).toBe('src/nav.ts');
    expect(ws.git('status', '--porcelain')).toBe('M  src/other.ts');
  });

  it('handles hunks that shift the lines after them and a missing final newline', async () => {
    const original = numberedLines(20);
    const ws = makeWorkspace({ 'a.txt': original.join('\n') });
    const edited = [...original.slice(0, 2), 'new x', 'new y', 'new z', ...original.slice(2)];
    edited[edited.length - 1] = 'last line changed';
    ws.write({ 'a.txt': edited.join('\n') });
    const insertion = { oldStart: 2, oldLines: 0, newStart: 3, newLines: 3 };
    const lastLine = { oldStart: 20, oldLines: 1, newStart: 23, newLines: 1 };

    expectOk(await acceptHunk(ws.handle, { path: 'a.txt', hunk: lastLine }));
    expect(ws.git('show', 'HEAD:a.txt')).toBe([...original.slice(0, 19), 'last line changed'].join('\n'));
    expect(ws.read('a.txt')).toBe(edited.join('\n'));

    expectOk(await revertHunk(ws.handle, { path: 'a.txt', hunk: insertion }));
    expect(ws.read('a.txt')).toBe([...original.slice(0, 19), 'last line changed'].join('\n'));
    expect(ws.git('status', '--porcelain')).toBe('');
  });

  it('accepts and reverts whole deleted files', async () => {
    const { ws } = workspaceWithTwoHunks();
    rmSync(join(ws.handle.path, 'src/other.ts'));
    expectOk(await acceptHunk(ws.handle, { path: 'src/other.ts', hunk: 'file' }));
    expect(ws.git('log', '-1', '--format=%s')).toBe('Delete other.ts');
    expect(ws.git('status', '--porcelain', '--', 'src/other.ts')).toBe('');

    expectOk(await revertHunk(ws.handle, { path: 'src/other.ts', hunk: 'file' }));
    expect(ws.read('src/other.ts')).toBe('other\n');
  });

  it('says when the hunk is already committed in the workspace', async () => {
    const { ws } = workspaceWithTwoHunks();
    ws.git('commit', '--quiet', '-am', 'agent committed');
    const result = expectOk(await acceptHunk(ws.handle, { path: 'src/nav.ts', hunk: firstHunk }));
    expect(result).toEqual({ path: 'src/nav.ts', commit: null, alreadyCommitted: true });
  });
});

describe('reverting a hunk', () => {
  it('discards only that hunk from the working tree', async () => {
    const { ws, edited } = workspaceWithTwoHunks();
    expectOk(await revertHunk(ws.handle, { path: 'src/nav.ts', hunk: secondHunk }));
    const expected = [...edited];
    expected[14] = 'line 15';
    expect(ws.read('src/nav.ts')).toBe(asFile(expected));
    expect(ws.git('diff', '--cached', '--name-only')).toBe('');
  });

  it('undoes a committed hunk as an uncommitted reverse change, and refuses stale hunks', async () => {
    const { ws, original } = workspaceWithTwoHunks();
    ws.git('commit', '--quiet', '-am', 'agent committed both');
    const head = ws.git('rev-parse', 'HEAD');

    expectOk(await revertHunk(ws.handle, { path: 'src/nav.ts', hunk: firstHunk }));
    expect(ws.git('rev-parse', 'HEAD')).toBe(head);
    expect(ws.read('src/nav.ts').split('\n')[2]).toBe('line 3');
    expect(ws.git('diff', '-U0', 'HEAD', '--', 'src/nav.ts')).toContain('-line 3 changed\n+line 3');

    const stale = await revertHunk(ws.handle, { path: 'src/nav.ts', hunk: firstHunk });
    expect(stale.ok ? null : stale.error.code).toBe('HUNK_CHANGED');

    expectOk(await revertHunk(ws.handle, { path: 'src/nav.ts', hunk: 'file' }));
    expect(ws.read('src/nav.ts')).toBe(asFile(original));
  });

  it('removes an untracked file (and the folder it leaves empty) through the path guard', async () => {
    const { ws } = workspaceWithTwoHunks();
    ws.write({ 'src/new/feature.ts': 'a\n' });
    const reverted = expectOk(await revertHunk(ws.handle, { path: 'src/new/feature.ts', hunk: 'file' }));
    expect(reverted.removedFile).toBe(true);
    expect(existsSync(join(ws.handle.path, 'src/new'))).toBe(false);
    expect(existsSync(join(ws.handle.path, 'src/nav.ts'))).toBe(true);

    const outside = await revertHunk(ws.handle, { path: '../app/README.md', hunk: 'file' });
    expect(outside.ok ? null : outside.error.code).toBe('PATH_OUTSIDE_ROOT');
    expect(existsSync(join(ws.repo, 'README.md'))).toBe(true);
  });

  it('never deletes a file that is not a change of the workspace: an ignored .env or a name git never saw', async () => {
    const ws = makeWorkspace({ '.gitignore': '.env\n', 'src/a.ts': 'a\n' });
    writeFileSync(join(ws.handle.path, '.env'), 'SECRET=1\n');

    for (const path of ['.env', 'never-existed.txt']) {
      const result = await revertHunk(ws.handle, { path, hunk: 'file' });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatchObject({ code: 'PATH_NOT_FOUND', message: expect.stringContaining('not a change of this workspace') });
    }
    expect(readFileSync(join(ws.handle.path, '.env'), 'utf8')).toBe('SECRET=1\n');
  });

  it('refuses both actions when the worktree is missing', async () => {
    const { ws } = workspaceWithTwoHunks();
    rmSync(ws.handle.path, { recursive: true, force: true });
    const accepted = await acceptHunk(ws.handle, { path: 'src/nav.ts', hunk: firstHunk });
    const reverted = await revertHunk(ws.handle, { path: 'src/nav.ts', hunk: firstHunk });
    expect([accepted.ok ? null : accepted.error.code, reverted.ok ? null : reverted.error.code]).toEqual(['WORKSPACE_NOT_READY', 'WORKSPACE_NOT_READY']);
  });
});

describe('paths through symbolic links', () => {
  /** A workspace with a link to a folder outside it, one to a folder inside it, and a link loop. */
  function workspaceWithLinks() {
    const { ws } = workspaceWithTwoHunks();
    const outside = tempFolder('braid-outside-');
    writeFileSync(join(outside, 'secret.txt'), 'TOP SECRET\n');
    symlinkSync(outside, join(ws.handle.path, 'link'));
    symlinkSync('src', join(ws.handle.path, 'inner'));
    symlinkSync('loop', join(ws.handle.path, 'loop'));
    return { ws, outside };
  }
  const codeOf = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'ok' : result.error?.code);

  it('refuses what lies through a link out of the worktree, a link loop or an overlong name, changing nothing', async () => {
    const { ws, outside } = workspaceWithLinks();
    const head = ws.git('rev-parse', 'HEAD');
    const lineOne = { oldStart: 0, oldLines: 0, newStart: 1, newLines: 1 };
    const answers = [];
    for (const path of ['link/secret.txt', 'loop/x.txt', 'a'.repeat(5000), `src/${'b'.repeat(300)}.ts`]) {
      for (const hunk of ['file', lineOne] as const) {
        answers.push([path.slice(0, 16), codeOf(await acceptHunk(ws.handle, { path, hunk })), codeOf(await revertHunk(ws.handle, { path, hunk }))]);
      }
    }
    expect(answers).toEqual([
      ['link/secret.txt', 'PATH_OUTSIDE_ROOT', 'PATH_OUTSIDE_ROOT'],
      ['link/secret.txt', 'PATH_OUTSIDE_ROOT', 'PATH_OUTSIDE_ROOT'],
      ['loop/x.txt', 'SYMLINK_LOOP', 'SYMLINK_LOOP'],
      ['loop/x.txt', 'SYMLINK_LOOP', 'SYMLINK_LOOP'],
      ['a'.repeat(16), 'PATH_TOO_LONG', 'PATH_TOO_LONG'],
      ['a'.repeat(16), 'PATH_TOO_LONG', 'PATH_TOO_LONG'],
      [`src/${'b'.repeat(12)}`, 'PATH_TOO_LONG', 'PATH_TOO_LONG'],
      [`src/${'b'.repeat(12)}`, 'PATH_TOO_LONG', 'PATH_TOO_LONG'],
    ]);
    expect(readFileSync(join(outside, 'secret.txt'), 'utf8')).toBe('TOP SECRET\n');
    expect(ws.git('rev-parse', 'HEAD')).toBe(head);
  });

  it('never removes a file through a link inside the worktree: git has nothing at that path', async () => {
    const { ws } = workspaceWithLinks();
    // inner/nav.ts is src/nav.ts seen through the link; git does not follow links, so it is not a file of the workspace.
    const result = await revertHunk(ws.handle, { path: 'inner/nav.ts', hunk: 'file' });
    expect(result.ok ? result.data : result.error.code).toBe('PATH_NOT_FOUND');
    expect(existsSync(join(ws.handle.path, 'src/nav.ts'))).toBe(true);
  });

  it('takes a link as its target text: an untracked link to a folder is accepted and reverted like a file', async () => {
    const { ws, outside } = workspaceWithLinks();
    const lineOne = { oldStart: 0, oldLines: 0, newStart: 1, newLines: 1 };
    expect(expectOk(await acceptHunk(ws.handle, { path: 'link', hunk: lineOne }))).toMatchObject({ message: 'Add link' });
    expect(ws.git('ls-tree', 'HEAD', 'link')).toMatch(/^120000 blob /);
    expect(ws.git('show', 'HEAD:link')).toBe(outside);
    expect(expectOk(await revertHunk(ws.handle, { path: 'inner', hunk: lineOne }))).toEqual({ path: 'inner', removedFile: true });
    expect(existsSync(join(ws.handle.path, 'inner'))).toBe(false);
    expect(readFileSync(join(ws.handle.path, 'src/nav.ts'), 'utf8')).toContain('line 3 changed');
  });
});

describe('hunks as DiffLens shows them', () => {
  /** What the screen shows for a file (review.fileDiff), and a request naming one of its hunks exactly. */
  async function shownHunks(ws: ReturnType<typeof makeWorkspace>, file: { path: string; oldPath?: string }) {
    const shown = expectOk(await fileDiff(ws.handle, file));
    return { shown, target: (hunk: Hunk) => ({ ...file, hunk: hunkRange(hunk), hunkId: shown.hunkIds?.[shown.hunks.indexOf(hunk)] }) };
  }
  const codeOf = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'ok' : result.error?.code);

  it('acts on the hunks of a renamed file: nothing changed, so no HUNK_CHANGED, and the file keeps its new name', async () => {
    const original = numberedLines(20);
    const ws = makeWorkspace({ 'src/old.ts': asFile(original) });
    ws.git('mv', 'src/old.ts', 'src/new.ts');
    ws.git('commit', '--quiet', '-m', 'agent renamed the file');
    const edited = [...original];
    edited[2] = 'line 3 changed';
    edited[16] = 'line 17 changed';
    ws.write({ 'src/new.ts': asFile(edited) });

    const { shown, target } = await shownHunks(ws, { path: 'src/new.ts', oldPath: 'src/old.ts' });
    expect(shown.status).toBe('renamed');
    const [first, second] = shown.hunks as [Hunk, Hunk];
    expect(shown.hunks).toHaveLength(2);

    expectOk(await revertHunk(ws.handle, target(second)));
    const reverted = [...edited];
    reverted[16] = 'line 17';
    expect(ws.read('src/new.ts')).toBe(asFile(reverted));
    expect(existsSync(join(ws.handle.path, 'src/old.ts'))).toBe(false);

    expect(expectOk(await acceptHunk(ws.handle, target(first)))).toMatchObject({ message: 'Update new.ts (lines 1-6)' });
    expect(ws.git('show', 'HEAD:src/new.ts').split('\n')[2]).toBe('line 3 changed');
    expect(ws.git('status', '--porcelain')).toBe('');
  });

  it('commits a hunk of a file renamed but not committed yet together with the rename', async () => {
    const original = numberedLines(20);
    const ws = makeWorkspace({ 'src/old.ts': asFile(original) });
    ws.git('mv', 'src/old.ts', 'src/new.ts');
    const edited = [...original];
    edited[2] = 'line 3 changed';
    edited[16] = 'line 17 changed';
    ws.write({ 'src/new.ts': asFile(edited) });

    const { shown, target } = await shownHunks(ws, { path: 'src/new.ts', oldPath: 'src/old.ts' });
    expectOk(await acceptHunk(ws.handle, target(shown.hunks[0]!)));
    expect(ws.git('show', '--name-status', '--format=', '-M', 'HEAD')).toMatch(/^R\d+\tsrc\/old\.ts\tsrc\/new\.ts$/);
    const committed = ws.git('show', 'HEAD:src/new.ts').split('\n');
    expect([committed[2], committed[16]]).toEqual(['line 3 changed', 'line 17']);
    expect(ws.read('src/new.ts')).toBe(asFile(edited));
  });

  it('acts on hunks that group differently at three lines of context and at none, with blank lines the user’s git prints empty', async () => {
    const original = ['a', '', 'b', '', 'c', '', 'd', '', 'e', '', 'f', '', 'g', '', 'h', '', 'i', '', 'j', '', 'k', '', 'l'];
    const ws = makeWorkspace({ 'a.txt': asFile(original) });
    // The user's config prints blank context lines as empty lines, not " ".
    ws.git('config', 'diff.suppressBlankEmpty', 'true');
    const edited = [...original];
    edited[2] = 'B';
    edited[6] = 'D';
    edited[18] = 'J';
    ws.write({ 'a.txt': asFile(edited) });

    const { shown, target } = await shownHunks(ws, { path: 'a.txt' });
    // Lines 3 and 7 are one hunk with context (two at -U0); line 19 is its own.
    expect(shown.hunks.map(hunkRange)).toEqual([
      { oldStart: 1, oldLines: 10, newStart: 1, newLines: 10 },
      { oldStart: 16, oldLines: 7, newStart: 16, newLines: 7 },
    ]);
    expectOk(await revertHunk(ws.handle, target(shown.hunks[1]!)));
    expect(expectOk(await acceptHunk(ws.handle, target(shown.hunks[0]!)))).toMatchObject({ message: 'Update a.txt (lines 1-10)' });
    const expected = [...original];
    expected[2] = 'B';
    expected[6] = 'D';
    expect(ws.git('show', 'HEAD:a.txt')).toBe(asFile(expected).trimEnd());
    expect(ws.read('a.txt')).toBe(asFile(expected));
  });

  it('refuses a hunk whose lines changed though its range did not (HUNK_CHANGED), doing nothing', async () => {
    const { ws, edited } = workspaceWithTwoHunks();
    const head = ws.git('rev-parse', 'HEAD');
    const { shown, target } = await shownHunks(ws, { path: 'src/nav.ts' });
    // The agent writes again: the same line, other words. The range is the same, the hunk is not.
    const rewritten = [...edited];
    rewritten[2] = 'line 3 rewritten by the agent';
    ws.write({ 'src/nav.ts': asFile(rewritten) });

    const results = [await acceptHunk(ws.handle, target(shown.hunks[0]!)), await revertHunk(ws.handle, target(shown.hunks[0]!))];
    expect(results.map(codeOf)).toEqual(['HUNK_CHANGED', 'HUNK_CHANGED']);
    expect(ws.git('rev-parse', 'HEAD')).toBe(head);
    expect(ws.read('src/nav.ts')).toBe(asFile(rewritten));

    // Shown again, the new hunk is acted on.
    const again = await shownHunks(ws, { path: 'src/nav.ts' });
    expect(codeOf(await acceptHunk(ws.handle, again.target(again.shown.hunks[0]!)))).toBe('ok');
    expect(ws.git('show', 'HEAD:src/nav.ts').split('\n')[2]).toBe('line 3 rewritten by the agent');
  });
});
