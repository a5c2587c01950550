import { lstatSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { git } from '../../testing/git-fixtures';
import { tempFolder } from '../testing/temp-folders';
import { captureState, expectFail, expectOk, makeMergeFixture, type MergeFixture } from '../testing/merge-fixture';
import type { MergeOutcome, MergeStrategy } from './merge-types';

const files = { 'a.txt': 'one\ntwo\nthree\n', 'b.txt': 'b\n' };

/** Workspace and main both change line two of a.txt. */
function conflicting(f: MergeFixture, name = 'clash') {
  const ws = f.addWorkspace(name);
  f.commitIn(ws.path, { 'a.txt': 'one\nTHEIRS\nthree\n', 'ws-only.txt': 'mine\n' }, 'Workspace edits line two');
  f.repo.commit({ 'a.txt': 'one\nOURS\nthree\n' }, 'Main edits line two');
  return ws;
}

function expectConflicts(outcome: MergeOutcome) {
  if (outcome.status !== 'conflicts') throw new Error('expected conflicts');
  return outcome;
}

describe('merge conflicts', () => {
  it('are detected in the preview and by the merge, with base / ours / theirs for a three-way view; nothing moves', async () => {
    const f = makeMergeFixture(files);
    const ws = conflicting(f);
    const before = captureState(f.repo.path, [f.repo.path, ws.path]);

    const preview = expectOk(await f.service.previewMerge(f.project, ws, { strategy: 'merge' }));
    expect(preview).toMatchObject({ clean: false, conflicts: ['a.txt'] });
    const outcome = expectConflicts(expectOk(await f.service.mergeWorkspace(f.project, ws, { strategy: 'merge' })));
    expect(outcome.conflicts).toHaveLength(1);
    const [conflict] = outcome.conflicts;
    expect(conflict).toMatchObject({
      path: 'a.txt',
      base: { text: 'one\ntwo\nthree\n', binary: false, mode: '100644' },
      ours: { text: 'one\nOURS\nthree\n' },
      theirs: { text: 'one\nTHEIRS\nthree\n' },
    });
    expect(conflict?.merged).toContain('<<<<<<<');
    expect(conflict?.messages.join(' ')).toContain('CONFLICT (content)');
    expect(captureState(f.repo.path, [f.repo.path, ws.path])).toEqual(before);
    expect(f.service.pendingConflicts(outcome.mergeId).ok).toBe(true);
  });

  it('resolveConflicts completes the merge with the user’s text', async () => {
    const f = makeMergeFixture(files);
    const ws = conflicting(f);
    const outcome = expectConflicts(expectOk(await f.service.mergeWorkspace(f.project, ws, { strategy: 'merge' })));
    const missing = expectFail(await f.service.resolveConflicts(outcome.mergeId, []), 'INVALID_INPUT');
    expect(missing.details).toEqual({ files: ['a.txt'] });

    const done = expectOk(await f.service.resolveConflicts(outcome.mergeId, [{ path: 'a.txt', content: 'one\nBOTH\nthree\n' }]));
    expect(done.status).toBe('merged');
    expect(f.show('main', 'a.txt')).toBe('one\nBOTH\nthree\n');
    expect(f.show('main', 'ws-only.txt')).toBe('mine\n');
    expect(git(f.repo.path, 'rev-list', '--parents', '-n1', 'main').split(' ')).toHaveLength(3);
    expect(readFileSync(join(f.repo.path, 'a.txt'), 'utf8')).toBe('one\nBOTH\nthree\n');
    expect(git(f.repo.path, 'status', '--porcelain')).toBe('');
    expectFail(f.service.abortMerge(outcome.mergeId), 'NOT_FOUND');
  });

  it.each<[MergeStrategy, 'ours' | 'theirs', string]>([
    ['squash', 'theirs', 'one\nTHEIRS\nthree\n'],
    ['merge', 'ours', 'one\nOURS\nthree\n'],
  ])('%s: take %s', async (strategy, take, expected) => {
    const f = makeMergeFixture(files);
    const ws = conflicting(f);
    const outcome = expectConflicts(expectOk(await f.service.mergeWorkspace(f.project, ws, { strategy })));
    expect(expectOk(await f.service.resolveConflicts(outcome.mergeId, [{ path: 'a.txt', take }])).status).toBe('merged');
    expect(f.show('main', 'a.txt')).toBe(expected);
  });

  it('rebase stops at the conflicting commit, continues after resolution, and keeps later commits', async () => {
    const f = makeMergeFixture(files);
    const ws = conflicting(f);
    f.commitIn(ws.path, { 'b.txt': 'b after\n' }, 'Later commit');
    const outcome = expectConflicts(expectOk(await f.service.mergeWorkspace(f.project, ws, { strategy: 'rebase' })));
    expect(outcome.step).toMatchObject({ index: 0, total: 2, commit: { subject: 'Workspace edits line two' } });
    const done = expectOk(await f.service.resolveConflicts(outcome.mergeId, [{ path: 'a.txt', content: 'one\nREBASED\nthree\n' }]));
    if (done.status !== 'merged') throw new Error('expected a merge');
    expect(done.merged.landedCommits).toHaveLength(2);
    expect(git(f.repo.path, 'log', '--format=%s', '-3', 'main').split('\n')).toEqual(['Later commit', 'Workspace edits line two', 'Main edits line two']);
    expect(f.show('main', 'a.txt')).toBe('one\nREBASED\nthree\n');
    expect(f.show('main', 'b.txt')).toBe('b after\n');
  });

  it('a delete on one side against an edit on the other can be resolved by deleting', async () => {
    const f = makeMergeFixture(files);
    const ws = f.addWorkspace('deleter');
    f.commitIn(ws.path, {}, 'Delete a', ['a.txt']);
    f.repo.commit({ 'a.txt': 'one\nchanged\nthree\n' }, 'Edit a');
    const outcome = expectConflicts(expectOk(await f.service.mergeWorkspace(f.project, ws, { strategy: 'squash' })));
    expect(outcome.conflicts[0]).toMatchObject({ path: 'a.txt', theirs: null, ours: { text: 'one\nchanged\nthree\n' } });
    expectOk(await f.service.resolveConflicts(outcome.mergeId, [{ path: 'a.txt', delete: true }]));
    expect(f.show('main', 'a.txt')).toBeNull();
  });

  it('abort leaves refs, the checkout, its index and files byte-identical', async () => {
    const f = makeMergeFixture(files);
    const ws = conflicting(f);
    // Local work in both checkouts that must survive untouched.
    writeFileSync(join(f.repo.path, 'b.txt'), 'local edit\n');
    writeFileSync(join(f.repo.path, 'scratch.txt'), 'untracked\n');
    git(f.repo.path, 'add', 'scratch.txt');
    writeFileSync(join(ws.path, 'b.txt'), 'agent edit\n');
    const before = captureState(f.repo.path, [f.repo.path, ws.path]);
    for (const strategy of ['merge', 'squash', 'rebase'] as const) {
      const outcome = expectConflicts(expectOk(await f.service.mergeWorkspace(f.project, ws, { strategy, includeUncommitted: true })));
      expect(expectOk(f.service.abortMerge(outcome.mergeId))).toEqual({ aborted: true });
      expect(captureState(f.repo.path, [f.repo.path, ws.path])).toEqual(before);
      expectFail(await f.service.resolveConflicts(outcome.mergeId, [{ path: 'a.txt', take: 'ours' }]), 'NOT_FOUND');
    }
    expect(git(f.repo.path, 'fsck', '--no-dangling')).toBe('');
  });

  it('the base moving while conflicts are open: resolving refuses and nothing is half-done', async () => {
    const f = makeMergeFixture(files);
    const ws = conflicting(f);
    const outcome = expectConflicts(expectOk(await f.service.mergeWorkspace(f.project, ws, { strategy: 'merge' })));
    const moved = f.repo.commit({ 'b.txt': 'moved\n' }, 'Someone else pushes');
    const state = captureState(f.repo.path, [f.repo.path, ws.path]);
    const refused = expectFail(await f.service.resolveConflicts(outcome.mergeId, [{ path: 'a.txt', take: 'theirs' }]), 'MERGE_OUTDATED');
    expect(refused.details).toEqual({ moved: 'target' });
    expect(f.rev('main')).toBe(moved);
    expect(captureState(f.repo.path, [f.repo.path, ws.path])).toEqual(state);
  });

  it('a resolution landing on a path below a link in the checkout is refused, and nothing is written through the link', async () => {
    const outside = [tempFolder('braid-outside-'), tempFolder('braid-outside-')];
    writeFileSync(join(outside[1]!, 'keep.txt'), 'OUTSIDE\n');
    const f = makeMergeFixture(files);
    symlinkSync(outside[0]!, join(f.repo.path, 'link'));
    f.repo.commit({}, 'Link to a folder outside');
    // The workspace replaces the link with a folder of its own; main points the link elsewhere.
    const ws = f.addWorkspace('folder');
    rmSync(join(ws.path, 'link'));
    f.commitIn(ws.path, { 'link/secret.txt': 'FROM THE TASK\n' }, 'A real folder');
    rmSync(join(f.repo.path, 'link'));
    symlinkSync(outside[1]!, join(f.repo.path, 'link'));
    f.repo.commit({}, 'Link elsewhere');

    const outcome = expectConflicts(expectOk(await f.service.mergeWorkspace(f.project, ws, { strategy: 'merge' })));
    // Git moves main's link aside (`link~<commit>`), in conflict with the workspace deleting it.
    const moved = outcome.conflicts.map((conflict) => conflict.path);
    expect(moved).toEqual([expect.stringMatching(/^link~/)]);
    const main = f.rev('main');
    const refused = expectFail(await f.service.resolveConflicts(outcome.mergeId, [{ path: moved[0]!, delete: true }]), 'CHECKOUT_HAS_CHANGES');
    expect(refused.details).toMatchObject({ files: [{ path: 'link/secret.txt', status: 'exists' }] });
    expect(f.rev('main')).toBe(main);
    expect(lstatSync(join(f.repo.path, 'link')).isSymbolicLink()).toBe(true);
    expect(outside.map((folder) => readdirSync(folder))).toEqual([[], ['keep.txt']]);
  });
});
