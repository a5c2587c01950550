import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectOk } from '../testing/services-fixture';
import { tempFolder } from '../testing/temp-folders';
import { fileDiff } from './file-diff';
import { latin1Name, makeWorkspace, writeRawName } from '../testing/workspace-fixture';
import { workspaceDiff } from './workspace-diff';

const lines = (count: number, label = 'line') => Array.from({ length: count }, (_, i) => `${label} ${i + 1}\n`).join('');

describe('fileDiff', () => {
  it('parses hunks with line numbers and returns both texts and the language', async () => {
    const original = lines(20);
    const ws = makeWorkspace({ 'src/app.ts': original });
    const changed = original.replace('line 5\n', 'line five\n').replace('line 18\n', 'line 18\nline 18b\n');
    ws.write({ 'src/app.ts': changed });

    const diff = expectOk(await fileDiff(ws, 'src/app.ts'));
    expect(diff).toMatchObject({ path: 'src/app.ts', status: 'modified', language: 'typescript', binary: false, oldMode: '100644' });
    expect(diff.oldText).toBe(original);
    expect(diff.newText).toBe(changed);
    expect(diff.hunks.map((hunk) => [hunk.oldStart, hunk.oldLines, hunk.newStart, hunk.newLines])).toEqual([
      [2, 7, 2, 7],
      [16, 5, 16, 6],
    ]);
    const first = diff.hunks[0]!;
    expect(first.header).toBe('@@ -2,7 +2,7 @@ line 1'); // git's function-context heuristic
    expect(first.lines.filter((line) => line.kind !== ' ')).toEqual([
      { kind: '-', text: 'line 5', oldLine: 5 },
      { kind: '+', text: 'line five', newLine: 5 },
    ]);
    expect(diff.hunks[1]!.lines.find((line) => line.kind === '+')).toEqual({ kind: '+', text: 'line 18b', newLine: 19 });
  });

  it('honours the number of context lines', async () => {
    const ws = makeWorkspace({ 'a.md': lines(10) });
    ws.write({ 'a.md': lines(10).replace('line 5\n', 'five\n') });
    const diff = expectOk(await fileDiff(ws, 'a.md', { contextLines: 0 }));
    expect(diff.hunks).toHaveLength(1);
    expect(diff.hunks[0]!.lines.map((line) => line.kind)).toEqual(['-', '+']);
    expect(diff.language).toBe('markdown');
  });

  it('shows an untracked file as all additions against nothing', async () => {
    const ws = makeWorkspace();
    ws.write({ 'notes/todo.py': 'a = 1\nb = 2' });
    const diff = expectOk(await fileDiff(ws, 'notes/todo.py'));
    expect(diff).toMatchObject({ status: 'untracked', language: 'python', oldText: '', newText: 'a = 1\nb = 2' });
    expect(diff.hunks).toEqual([
      {
        oldStart: 0,
        oldLines: 0,
        newStart: 1,
        newLines: 2,
        header: '@@ -0,0 +1,2 @@',
        lines: [
          { kind: '+', text: 'a = 1', newLine: 1 },
          { kind: '+', text: 'b = 2', newLine: 2, noNewlineAtEnd: true },
        ],
      },
    ]);
  });

  it('diffs a renamed file against its old name when given the list entry', async () => {
    const ws = makeWorkspace({ 'old.go': 'package main\n\nfunc a() {}\n' });
    ws.git('mv', 'old.go', 'new.go');
    ws.write({ 'new.go': 'package main\n\nfunc a() {}\nfunc b() {}\n' });
    const entry = expectOk(await workspaceDiff(ws)).files.find((file) => file.path === 'new.go')!;
    expect(entry.status).toBe('renamed');

    const diff = expectOk(await fileDiff(ws, entry));
    expect(diff).toMatchObject({ status: 'renamed', oldPath: 'old.go', language: 'go', oldText: 'package main\n\nfunc a() {}\n' });
    expect(diff.hunks.flatMap((hunk) => hunk.lines.filter((line) => line.kind !== ' '))).toEqual([
      { kind: '+', text: 'func b() {}', newLine: 4 },
    ]);
  });

  it('reports deletions, mode changes and file ↔ symlink changes', async () => {
    const ws = makeWorkspace({ 'gone.txt': 'bye\n', 'run.sh': 'echo\n', 'link': 'was a file\n' });
    ws.remove('gone.txt');
    ws.chmod('run.sh', 0o755);
    ws.symlink('run.sh', 'link');

    const deleted = expectOk(await fileDiff(ws, 'gone.txt'));
    expect(deleted).toMatchObject({ status: 'deleted', oldText: 'bye\n', newText: '' });
    expect(deleted.hunks[0]!.lines).toEqual([{ kind: '-', text: 'bye', oldLine: 1 }]);

    const chmod = expectOk(await fileDiff(ws, 'run.sh'));
    expect(chmod).toMatchObject({ status: 'modified', oldMode: '100644', newMode: '100755', hunks: [], language: 'shell' });

    const typechange = expectOk(await fileDiff(ws, 'link'));
    expect(typechange).toMatchObject({ status: 'typechange', oldMode: '100644', newMode: '120000', oldText: 'was a file\n', newText: 'run.sh' });
  });

  it('says binary instead of showing text', async () => {
    const ws = makeWorkspace({ 'img.png': '\0PNG' });
    ws.write({ 'img.png': Buffer.from([0, 1, 2, 3]) });
    const diff = expectOk(await fileDiff(ws, 'img.png'));
    expect(diff).toMatchObject({ status: 'modified', binary: true, hunks: [] });
    expect(diff.oldText).toBeUndefined();
    expect(diff.newText).toBeUndefined();
  });

  it('says too large, with the size, instead of loading a huge file', async () => {
    const ws = makeWorkspace({ 'big.json': '{}\n' });
    ws.write({ 'big.json': `${'x'.repeat(1023)}\n`.repeat(3 * 1024) });
    const diff = expectOk(await fileDiff(ws, 'big.json'));
    expect(diff).toMatchObject({ status: 'modified', tooLarge: { bytes: 3 * 1024 * 1024 }, hunks: [] });
    expect(diff.newText).toBeUndefined();

    ws.write({ 'huge.txt': lines(30_000) });
    expect(expectOk(await fileDiff(ws, 'huge.txt'))).toMatchObject({ status: 'untracked', tooLarge: {}, hunks: [] });
  });

  it('addresses a name that is not UTF-8 through its raw bytes', async () => {
    const ws = makeWorkspace();
    writeRawName(ws.path, latin1Name, 'un\n');
    // A neighbour that the byte-level glob would also match must not leak in.
    writeRawName(ws.path, Buffer.from('cafX.txt'), 'other\n');
    ws.commit('Latin-1 name');
    writeRawName(ws.path, latin1Name, 'un\ndeux\n');
    writeRawName(ws.path, Buffer.from('cafX.txt'), 'other changed\n');
    const entry = expectOk(await workspaceDiff(ws)).files.find((file) => file.pathBytes)!;

    const diff = expectOk(await fileDiff(ws, entry));
    expect(diff).toMatchObject({ path: 'caf\uFFFD.txt', status: 'added', oldText: '', newText: 'un\ndeux\n' });
    expect(diff.hunks).toHaveLength(1);
    expect(diff.hunks[0]!.lines.map((line) => line.text)).toEqual(['un', 'deux']);
  });

  it('says unchanged for a file that was reverted since the list was read', async () => {
    const ws = makeWorkspace({ 'a.txt': 'a\n' });
    const diff = expectOk(await fileDiff(ws, 'a.txt'));
    expect(diff).toMatchObject({ status: 'unchanged', hunks: [], oldText: 'a\n', newText: 'a\n' });
  });

  it('never reads through a symbolic link: a link is its target text, what is below a link out is refused or deleted', async () => {
    const outside = tempFolder('braid-outside-');
    writeFileSync(join(outside, 'secret.txt'), 'TOP SECRET\n');
    writeFileSync(join(outside, 'a.txt'), 'OUTSIDE COPY\n');
    const ws = makeWorkspace({ 'docs/a.txt': 'inside\n' });
    // An untracked link to a folder outside, and a tracked folder replaced by one.
    ws.symlink(outside, 'link');
    ws.remove('docs');
    ws.symlink(outside, 'docs');

    const list = expectOk(await workspaceDiff(ws));
    expect(list.files.map((file) => [file.path, file.status, file.newMode ?? null])).toEqual([
      ['docs', 'untracked', '120000'],
      ['docs/a.txt', 'deleted', null],
      ['link', 'untracked', '120000'],
    ]);
    const link = expectOk(await fileDiff(ws, 'link'));
    expect(link).toMatchObject({ status: 'untracked', newMode: '120000', oldText: '', newText: outside });
    // Git has docs/a.txt (deleted, since docs is a link now): both texts as git sees them.
    const deleted = expectOk(await fileDiff(ws, 'docs/a.txt'));
    expect(deleted).toMatchObject({ status: 'deleted', oldText: 'inside\n', newText: '' });
    // Git has nothing at link/secret.txt: refused, naming the link.
    const secret = await fileDiff(ws, 'link/secret.txt');
    expect(secret).toMatchObject({ ok: false, error: { code: 'PATH_OUTSIDE_ROOT', message: expect.stringContaining('"link"') } });
    expect(JSON.stringify([list, link, deleted, secret])).not.toMatch(/TOP SECRET|OUTSIDE COPY/);
  });

  it('answers a link loop and an overlong name with their own codes', async () => {
    const ws = makeWorkspace();
    ws.symlink('loop', 'loop');
    expect(await fileDiff(ws, 'loop/file.txt')).toMatchObject({ ok: false, error: { code: 'SYMLINK_LOOP' } });
    // The looping link itself is just a link: its target text.
    expect(expectOk(await fileDiff(ws, 'loop'))).toMatchObject({ status: 'untracked', newMode: '120000', newText: 'loop' });
    // Over the limits as written, and (the last) only once joined to the worktree's own path.
    for (const name of ['a'.repeat(5000), `${'b'.repeat(300)}.txt`, `${'deep/'.repeat(900)}x.txt`, `${'deep/'.repeat(818)}x.txt`]) {
      const refused = await fileDiff(ws, name);
      expect(refused).toMatchObject({ ok: false, error: { code: 'PATH_TOO_LONG' } });
      // The message names the path, shortened.
      expect(refused.ok ? '' : refused.error.message.length).toBeLessThan(500);
    }
  });
});
