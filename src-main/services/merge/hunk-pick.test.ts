import { describe, expect, it } from 'vitest';
import { git } from '../../testing/git-fixtures';
import { fileDiff } from '../diffs/file-diff';
import { expectFail, expectOk, makeMergeFixture } from '../testing/merge-fixture';

const lines = (edits: Record<number, string> = {}) =>
  Array.from({ length: 30 }, (_, i) => edits[i + 1] ?? `line ${i + 1}`).join('\n') + '\n';

describe('merging chosen hunks', () => {
  it('takes only the chosen hunks, named as the review shows them, on top of the base’s own changes', async () => {
    const f = makeMergeFixture({ 'a.txt': lines(), 'b.txt': 'b\n' });
    const ws = f.addWorkspace('hunks');
    f.commitIn(ws.path, { 'a.txt': lines({ 2: 'WS two', 15: 'WS fifteen', 28: 'WS twenty-eight' }), 'b.txt': 'B\n' }, 'Three hunks and b');
    // The base moved meanwhile, elsewhere in the same file.
    f.repo.commit({ 'a.txt': lines({ 8: 'BASE eight' }) }, 'Base edits line 8');

    const review = expectOk(await fileDiff({ path: ws.path, baseBranch: 'main', baseCommit: null }, { path: 'a.txt' }));
    expect(review.hunks.map((hunk) => hunk.newStart)).toEqual([1, 12, 25]);
    const [first, , third] = review.hunks;
    const picked = [first, third].map((hunk) => ({ oldStart: hunk!.oldStart, oldLines: hunk!.oldLines, newStart: hunk!.newStart, newLines: hunk!.newLines }));

    const preview = expectOk(await f.service.previewMerge(f.project, ws, { strategy: 'squash', hunks: [{ path: 'a.txt', hunks: picked }] }));
    expect(preview).toMatchObject({ selective: true, clean: true, blocked: null });
    expect(preview.files.map((file) => file.path)).toEqual(['a.txt']);
    expect(preview.message).toContain('a.txt (2 hunks)');

    const outcome = expectOk(await f.service.mergeWorkspace(f.project, ws, { strategy: 'squash', hunks: [{ path: 'a.txt', hunks: picked }] }));
    expect(outcome.status).toBe('merged');
    expect(f.show('main', 'a.txt')).toBe(lines({ 2: 'WS two', 8: 'BASE eight', 28: 'WS twenty-eight' }));
    // Files not chosen stay as the base has them.
    expect(f.show('main', 'b.txt')).toBe('b\n');
    expect(git(f.repo.path, 'fsck', '--no-dangling', '--no-progress')).toBe('');
  });

  it('refuses hunks that are not in the diff any more, hunks that collide with the base, and hunks of added files', async () => {
    const f = makeMergeFixture({ 'a.txt': lines() });
    const ws = f.addWorkspace('refusals');
    f.commitIn(ws.path, { 'a.txt': lines({ 5: 'WS five' }), 'new.txt': 'new\n' }, 'Edit and add');
    const stale = { oldStart: 20, oldLines: 7, newStart: 20, newLines: 7 };
    expectFail(await f.service.mergeWorkspace(f.project, ws, { strategy: 'squash', hunks: [{ path: 'a.txt', hunks: [stale] }] }), 'HUNK_CHANGED');
    expectFail(await f.service.mergeWorkspace(f.project, ws, { strategy: 'squash', hunks: [{ path: 'new.txt', hunks: [stale] }] }), 'INVALID_INPUT');

    const baseTip = f.repo.commit({ 'a.txt': lines({ 5: 'BASE five' }) }, 'Base edits line 5');
    const review = expectOk(await fileDiff({ path: ws.path, baseBranch: 'main', baseCommit: null }, { path: 'a.txt' }));
    const hunk = review.hunks[0]!;
    const range = { oldStart: hunk.oldStart, oldLines: hunk.oldLines, newStart: hunk.newStart, newLines: hunk.newLines };
    expectFail(await f.service.mergeWorkspace(f.project, ws, { strategy: 'squash', hunks: [{ path: 'a.txt', hunks: [range] }] }), 'MERGE_CONFLICTS_UNRESOLVED');
    // Nothing moved.
    expect(f.rev('main')).toBe(baseTip);
    expect(f.show('main', 'a.txt')).toBe(lines({ 5: 'BASE five' }));
  });
});
