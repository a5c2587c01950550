import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { git } from '../../testing/git-fixtures';
import { expectFail, expectOk, makeMergeFixture } from '../testing/merge-fixture';

const files = { 'a.txt': 'a1\na2\na3\n', 'b.txt': 'b1\nb2\n', 'c.txt': 'c1\n' };

describe('mergeWorkspace strategies', () => {
  it('merge commit: two parents, both sides kept, the user’s checkout follows the branch', async () => {
    const f = makeMergeFixture(files);
    const ws = f.addWorkspace('feature');
    const wsHead = f.commitIn(ws.path, { 'a.txt': 'a1\nFEATURE\na3\n' }, 'Change a');
    const baseBefore = f.repo.commit({ 'b.txt': 'b1\nBASE\n' }, 'Change b on main');

    const outcome = expectOk(await f.service.mergeWorkspace(f.project, ws, { strategy: 'merge' }));
    if (outcome.status !== 'merged') throw new Error('expected a merge');
    const head = f.rev('main');
    expect(git(f.repo.path, 'rev-list', '--parents', '-n1', head).split(' ').slice(1)).toEqual([baseBefore, wsHead]);
    expect(git(f.repo.path, 'log', '-1', '--format=%s', head)).toBe("Merge branch 'braid/feature' into main");
    expect(f.show(head, 'a.txt')).toBe('a1\nFEATURE\na3\n');
    expect(f.show(head, 'b.txt')).toBe('b1\nBASE\n');
    expect(outcome.merged).toMatchObject({ previousCommit: baseBefore, newCommit: head, files: ['a.txt'], checkout: { path: f.repo.path, updated: true } });
    // The checkout on main now shows the merged file and nothing uncommitted.
    expect(readFileSync(join(f.repo.path, 'a.txt'), 'utf8')).toBe('a1\nFEATURE\na3\n');
    expect(git(f.repo.path, 'status', '--porcelain')).toBe('');
  });

  it('squash: one single-parent commit with the typed message', async () => {
    const f = makeMergeFixture(files);
    const ws = f.addWorkspace('squashy');
    f.commitIn(ws.path, { 'a.txt': 'a1\nX\na3\n' }, 'First');
    f.commitIn(ws.path, { 'c.txt': 'c1\nc2\n', 'new.txt': 'new\n' }, 'Second');
    const before = f.rev('main');

    const outcome = expectOk(await f.service.mergeWorkspace(f.project, ws, { strategy: 'squash', message: 'Feature X, squashed' }));
    expect(outcome.status).toBe('merged');
    const head = f.rev('main');
    expect(git(f.repo.path, 'rev-list', '--parents', '-n1', head)).toBe(`${head} ${before}`);
    expect(git(f.repo.path, 'log', '-1', '--format=%B', head)).toBe('Feature X, squashed');
    expect(git(f.repo.path, 'diff', '--name-only', before, head).split('\n')).toEqual(['a.txt', 'c.txt', 'new.txt']);
  });

  it('rebase: replays each commit onto the moved base keeping author and message, then fast-forwards', async () => {
    const f = makeMergeFixture(files);
    const ws = f.addWorkspace('rebased');
    writeFileSync(join(ws.path, 'a.txt'), 'a1\nWS\na3\n');
    git(ws.path, 'commit', '-qa', '--author=Agent Smith <agent@x.invalid>', '-m', 'Edit a\n\nWith a body.');
    f.commitIn(ws.path, { 'c.txt': 'c1\nWS\n' }, 'Edit c');
    const base = f.repo.commit({ 'b.txt': 'b1\nMAIN\n' }, 'Main moves');

    const outcome = expectOk(await f.service.mergeWorkspace(f.project, ws, { strategy: 'rebase' }));
    if (outcome.status !== 'merged') throw new Error('expected a merge');
    const log = git(f.repo.path, 'log', '--format=%an|%s|%P', '-3', 'main').split('\n');
    expect(log[0]).toMatch(/^Braid Test\|Edit c\|/);
    expect(log[1]).toBe(`Agent Smith|Edit a|${base}`);
    expect(git(f.repo.path, 'log', '-1', '--format=%B', 'main~1')).toBe('Edit a\n\nWith a body.');
    expect(outcome.merged.landedCommits).toHaveLength(2);
    expect(f.show('main', 'a.txt')).toBe('a1\nWS\na3\n');
    expect(f.show('main', 'b.txt')).toBe('b1\nMAIN\n');
  });

  it('rebase onto an unmoved base is a plain fast-forward to the workspace’s own commits', async () => {
    const f = makeMergeFixture(files);
    const ws = f.addWorkspace('ff');
    f.commitIn(ws.path, { 'a.txt': 'ff\n' }, 'One');
    const wsHead = f.commitIn(ws.path, { 'b.txt': 'ff\n' }, 'Two');
    expectOk(await f.service.mergeWorkspace(f.project, ws, { strategy: 'rebase' }));
    expect(f.rev('main')).toBe(wsHead);
  });

  it('selective: only the chosen files land, deletions included, in one commit', async () => {
    const f = makeMergeFixture(files);
    const ws = f.addWorkspace('pick');
    f.commitIn(ws.path, { 'a.txt': 'a1\nPICKED\na3\n', 'c.txt': 'c1\nNOT PICKED\n' }, 'Edit a and c', ['b.txt']);
    f.commitIn(ws.path, { 'extra.txt': 'not picked\n' }, 'Add extra');
    const before = f.rev('main');
    for (const strategy of ['merge', 'rebase'] as const) {
      const preview = expectOk(await f.service.previewMerge(f.project, ws, { strategy, files: ['a.txt', 'b.txt'] }));
      expect(preview).toMatchObject({ selective: true, newCommitCount: 1, clean: true });
      expect(preview.files.map((file) => `${file.status} ${file.path}`)).toEqual(['M a.txt', 'D b.txt']);
    }

    const outcome = expectOk(await f.service.mergeWorkspace(f.project, ws, { strategy: 'merge', files: ['a.txt', 'b.txt'] }));
    expect(outcome.status).toBe('merged');
    const head = f.rev('main');
    expect(git(f.repo.path, 'rev-list', '--parents', '-n1', head)).toBe(`${head} ${before}`);
    expect(git(f.repo.path, 'diff', '--name-status', before, head).split('\n')).toEqual(['M\ta.txt', 'D\tb.txt']);
    expect(f.show(head, 'c.txt')).toBe('c1\n');
    expect(f.show(head, 'extra.txt')).toBeNull();
    expect(git(f.repo.path, 'log', '-1', '--format=%s', head)).toBe('Take 2 files from braid/pick');
  });

  it('selective: a file that is not among the workspace’s changes is refused', async () => {
    const f = makeMergeFixture(files);
    const ws = f.addWorkspace('pick-bad');
    f.commitIn(ws.path, { 'a.txt': 'x\n' }, 'Edit a');
    expectFail(await f.service.mergeWorkspace(f.project, ws, { strategy: 'squash', files: ['c.txt'] }), 'INVALID_INPUT');
  });

  it('preview tells exactly what will happen and changes nothing', async () => {
    const f = makeMergeFixture(files);
    const ws = f.addWorkspace('preview');
    const wsHead = f.commitIn(ws.path, { 'a.txt': 'a1\nP\na3\n', 'd.txt': 'd\n' }, 'Preview me');
    const refsBefore = git(f.repo.path, 'for-each-ref');
    const preview = expectOk(await f.service.previewMerge(f.project, ws, { strategy: 'squash' }));
    expect(preview).toMatchObject({
      targetBranch: 'main',
      targetCommit: f.rev('main'),
      workspaceHead: wsHead,
      commits: [{ sha: wsHead, subject: 'Preview me' }],
      newCommitCount: 1,
      clean: true,
      conflicts: [],
      message: 'Preview me\n',
      checkout: { path: f.repo.path, isMain: true, action: 'update', blockingFiles: [] },
      blocked: null,
    });
    expect(preview.files).toEqual([
      { path: 'a.txt', status: 'M', additions: 1, deletions: 1 },
      { path: 'd.txt', status: 'A', additions: 1, deletions: 0 },
    ]);
    expect(git(f.repo.path, 'for-each-ref')).toBe(refsBefore);
  });

  it('uncommitted workspace changes are committed on the workspace branch as part of the merge', async () => {
    const f = makeMergeFixture(files);
    const ws = f.addWorkspace('dirty-ws');
    f.commitIn(ws.path, { 'a.txt': 'committed\n' }, 'Committed part');
    writeFileSync(join(ws.path, 'b.txt'), 'uncommitted\n');
    writeFileSync(join(ws.path, 'untracked.txt'), 'new\n');
    const preview = expectOk(await f.service.previewMerge(f.project, ws, { strategy: 'squash' }));
    expect(preview.uncommitted).toEqual([{ status: 'M', path: 'b.txt' }, { status: 'A', path: 'untracked.txt' }]);

    const outcome = expectOk(await f.service.mergeWorkspace(f.project, ws, { strategy: 'squash' }));
    if (outcome.status !== 'merged') throw new Error('expected a merge');
    expect(f.show('main', 'b.txt')).toBe('uncommitted\n');
    expect(f.show('main', 'untracked.txt')).toBe('new\n');
    // The workspace's work is now a commit on its branch, and its folder is clean.
    expect(outcome.merged.workspaceCommit).toBe(f.rev(ws.branch));
    expect(git(f.repo.path, 'log', '-1', '--format=%s', ws.branch)).toBe('Uncommitted changes from braid/dirty-ws');
    expect(git(ws.path, 'status', '--porcelain')).toBe('');
  });

  it('nothing to merge is a clear refusal', async () => {
    const f = makeMergeFixture(files);
    const ws = f.addWorkspace('empty');
    expectFail(await f.service.mergeWorkspace(f.project, ws, { strategy: 'merge' }), 'NOTHING_TO_MERGE');
    expect(expectOk(await f.service.previewMerge(f.project, ws, { strategy: 'merge' })).blocked?.code).toBe('NOTHING_TO_MERGE');
  });
});
