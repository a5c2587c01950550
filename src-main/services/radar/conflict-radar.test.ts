import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeMergeFixture } from '../testing/merge-fixture';
import { tempFolder } from '../testing/temp-folders';
import { ConflictRadar } from './conflict-radar';
import { intersectRanges, parseTouchedLines } from './touched-lines';

const tenLines = Array.from({ length: 10 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
const withLines = (changes: Record<number, string>) =>
  tenLines
    .split('\n')
    .map((line, i) => changes[i + 1] ?? line)
    .join('\n');

describe('conflict radar', () => {
  it('reports the files and line ranges two workspaces both touched, and which would conflict with the base', async () => {
    const f = makeMergeFixture({ 'shared.txt': tenLines, 'other.txt': tenLines, 'solo.txt': tenLines });
    const a = f.addWorkspace('a');
    const b = f.addWorkspace('b');
    const c = f.addWorkspace('c');
    f.commitIn(a.path, { 'shared.txt': withLines({ 3: 'A3', 4: 'A4', 5: 'A5' }), 'other.txt': withLines({ 9: 'A9' }) }, 'a');
    // b's change is uncommitted: the radar sees working trees, not just commits.
    writeFileSync(join(b.path, 'shared.txt'), withLines({ 5: 'B5', 6: 'B6' }));
    writeFileSync(join(b.path, 'other.txt'), withLines({ 1: 'B1' }));
    f.commitIn(c.path, { 'solo.txt': withLines({ 2: 'C2' }) }, 'c');
    // main itself moved on line 9 of other.txt: a now conflicts with the base, b does not.
    f.repo.commit({ 'other.txt': withLines({ 9: 'MAIN9' }) }, 'main edits other.txt');

    const radar = new ConflictRadar();
    const result = await radar.computeRadar(f.project, [a, b, c]);
    expect(result.pairs).toEqual([
      {
        a: 'a',
        b: 'b',
        files: [
          { path: 'other.txt', ranges: [], wholeFile: false },
          { path: 'shared.txt', ranges: [[5, 5]], wholeFile: false },
        ],
      },
    ]);
    const main = f.rev('main');
    expect(result.workspaces).toEqual([
      { id: 'a', clean: false, conflicts: ['other.txt'], baseCommit: main },
      { id: 'b', clean: true, conflicts: [], baseCommit: main },
      { id: 'c', clean: true, conflicts: [], baseCommit: main },
    ]);
  });

  it('sees a symbolic link as the link itself (its target text), never the files of the folder it points to', async () => {
    const f = makeMergeFixture({ 'x.txt': tenLines });
    const outside = tempFolder('braid-outside-');
    writeFileSync(join(outside, 'secret.txt'), 'TOP SECRET\n');
    const a = f.addWorkspace('a');
    const b = f.addWorkspace('b');
    symlinkSync(outside, join(a.path, 'link'));
    symlinkSync(`${outside}/.`, join(b.path, 'link'));
    const result = await new ConflictRadar().computeRadar(f.project, [a, b]);
    expect(result.pairs.map((pair) => pair.files.map((file) => file.path))).toEqual([['link']]);
    expect(result.workspaces.map((workspace) => [workspace.id, workspace.clean])).toEqual([
      ['a', true],
      ['b', true],
    ]);
  });

  it('recomputes only what moved: a workspace’s files or the base', async () => {
    const f = makeMergeFixture({ 'x.txt': tenLines });
    const a = f.addWorkspace('a');
    const b = f.addWorkspace('b');
    f.commitIn(a.path, { 'x.txt': withLines({ 1: 'A' }) }, 'a');
    f.commitIn(b.path, { 'x.txt': withLines({ 1: 'B' }) }, 'b');
    const radar = new ConflictRadar({ concurrency: 1 });
    await radar.computeRadar(f.project, [a, b]);
    expect(radar.counters.computed).toBe(2);
    await radar.computeRadar(f.project, [a, b]);
    expect(radar.counters.computed).toBe(2);
    writeFileSync(join(a.path, 'x.txt'), withLines({ 1: 'A', 2: 'A again' }));
    const afterEdit = await radar.computeRadar(f.project, [a, b]);
    expect(radar.counters.computed).toBe(3);
    expect(afterEdit.pairs[0]?.files).toEqual([{ path: 'x.txt', ranges: [[1, 1]], wholeFile: false }]);
    f.repo.commit({ 'y.txt': 'new on main\n' }, 'main moves');
    await radar.computeRadar(f.project, [a, b]);
    expect(radar.counters.computed).toBe(5);
  });

  it('a file both workspaces add counts whole; a missing base is reported, not thrown', async () => {
    const f = makeMergeFixture({ 'x.txt': tenLines });
    const a = f.addWorkspace('a');
    const b = f.addWorkspace('b');
    f.commitIn(a.path, { 'new.txt': 'a\n' }, 'a');
    f.commitIn(b.path, { 'new.txt': 'b\n' }, 'b');
    const result = await new ConflictRadar().computeRadar(f.project, [a, b, { ...b, id: 'gone', baseBranch: 'no-such-branch' }]);
    expect(result.pairs[0]).toEqual({ a: 'a', b: 'b', files: [{ path: 'new.txt', ranges: [], wholeFile: true }] });
    expect(result.workspaces[2]).toMatchObject({ id: 'gone', clean: false, error: 'The base branch "no-such-branch" does not exist.' });
  });
});

describe('touched lines', () => {
  it('reads old-side ranges from -U0 hunk headers, insertions touching both neighbours', () => {
    const patch = [
      'diff --git a/f b/f',
      '--- a/f',
      '+++ b/f',
      '@@ -3,2 +3,2 @@',
      '@@ -7 +7 @@',
      '@@ -9,0 +10,2 @@',
      'diff --git a/img b/img',
      'Binary files a/img and b/img differ',
    ].join('\n');
    expect(parseTouchedLines(patch, ['f', 'img'])).toEqual([
      { path: 'f', ranges: [[3, 4], [7, 7], [9, 10]], wholeFile: false },
      { path: 'img', ranges: [], wholeFile: true },
    ]);
  });

  it('keeps each file on its own lines when a file became a link (git prints two sections for it)', () => {
    const patch = [
      'diff --git a/link b/link',
      'deleted file mode 100644',
      '--- a/link',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-text',
      'diff --git a/link b/link',
      'new file mode 120000',
      '--- /dev/null',
      '+++ b/link',
      '@@ -0,0 +1 @@',
      '+target',
      '\\ No newline at end of file',
      'diff --git a/z b/z',
      '--- a/z',
      '+++ b/z',
      '@@ -5 +5 @@',
      '-five',
      '+FIVE',
      '',
    ].join('\n');
    expect(parseTouchedLines(patch, ['link', 'z'])).toEqual([
      { path: 'link', ranges: [], wholeFile: true },
      { path: 'z', ranges: [[5, 5]], wholeFile: false },
    ]);
  });

  it('intersects sorted ranges', () => {
    expect(intersectRanges([[1, 5], [8, 12]], [[4, 9], [12, 20]])).toEqual([[4, 5], [8, 9], [12, 12]]);
    expect(intersectRanges([[1, 2]], [[3, 4]])).toEqual([]);
  });
});
