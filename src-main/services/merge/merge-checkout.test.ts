import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { git } from '../../testing/git-fixtures';
import { captureState, expectFail, expectOk, makeMergeFixture } from '../testing/merge-fixture';

const files = { 'a.txt': 'a\n', 'b.txt': 'b\n', 'c.txt': 'c\n' };

describe('the user’s checkout is sacred', () => {
  it('refuses, naming the files, when the checkout has uncommitted changes the merge touches; nothing changes', async () => {
    const f = makeMergeFixture(files);
    const ws = f.addWorkspace('touch-a');
    f.commitIn(ws.path, { 'a.txt': 'from workspace\n', 'b.txt': 'also\n' }, 'Edit a and b');
    writeFileSync(join(f.repo.path, 'a.txt'), 'my unsaved work\n');
    writeFileSync(join(f.repo.path, 'b.txt'), 'staged work\n');
    git(f.repo.path, 'add', 'b.txt');
    const before = captureState(f.repo.path, [f.repo.path, ws.path]);

    const preview = expectOk(await f.service.previewMerge(f.project, ws, { strategy: 'merge' }));
    expect(preview.checkout).toMatchObject({ action: 'refuse', blockingFiles: [{ path: 'a.txt', status: 'M' }, { path: 'b.txt', status: 'M' }] });
    expect(preview.blocked?.code).toBe('CHECKOUT_HAS_CHANGES');
    for (const strategy of ['merge', 'squash', 'rebase'] as const) {
      const refused = expectFail(await f.service.mergeWorkspace(f.project, ws, { strategy }), 'CHECKOUT_HAS_CHANGES');
      expect(refused.message).toContain('a.txt, b.txt');
      expect(captureState(f.repo.path, [f.repo.path, ws.path])).toEqual(before);
    }
  });

  it('merges when the checkout is dirty only elsewhere, and every local edit survives (staged stays staged)', async () => {
    const f = makeMergeFixture(files);
    const ws = f.addWorkspace('touch-a-only');
    f.commitIn(ws.path, { 'a.txt': 'from workspace\n', 'new/deep.txt': 'new\n' }, 'Edit a, add a file');
    writeFileSync(join(f.repo.path, 'b.txt'), 'unstaged local\n');
    writeFileSync(join(f.repo.path, 'c.txt'), 'staged local\n');
    git(f.repo.path, 'add', 'c.txt');
    writeFileSync(join(f.repo.path, 'notes.txt'), 'untracked local\n');

    const outcome = expectOk(await f.service.mergeWorkspace(f.project, ws, { strategy: 'squash' }));
    if (outcome.status !== 'merged') throw new Error('expected a merge');
    expect(outcome.merged.checkout).toEqual({ path: f.repo.path, updated: true });
    const read = (path: string) => readFileSync(join(f.repo.path, path), 'utf8');
    expect([read('a.txt'), read('new/deep.txt'), read('b.txt'), read('c.txt'), read('notes.txt')]).toEqual([
      'from workspace\n',
      'new\n',
      'unstaged local\n',
      'staged local\n',
      'untracked local\n',
    ]);
    expect(git(f.repo.path, 'diff', '--name-only')).toBe('b.txt');
    expect(git(f.repo.path, 'diff', '--cached', '--name-only')).toBe('c.txt');
    expect(git(f.repo.path, 'ls-files', '--others', '--exclude-standard')).toBe('notes.txt');
  });

  it('refuses when an untracked or ignored file sits where the merge creates one', async () => {
    const f = makeMergeFixture({ ...files, '.gitignore': 'secret.env\n' });
    const ws = f.addWorkspace('creates');
    f.commitIn(ws.path, { 'todo.txt': 'theirs\n' }, 'Add todo');
    writeFileSync(join(f.repo.path, 'todo.txt'), 'mine, untracked\n');
    expectFail(await f.service.mergeWorkspace(f.project, ws, { strategy: 'merge' }), 'CHECKOUT_HAS_CHANGES');

    const ws2 = f.addWorkspace('creates-ignored');
    git(ws2.path, 'rm', '-q', '--cached', '.gitignore');
    f.commitIn(ws2.path, { 'secret.env': 'theirs\n', '.gitignore': 'secret.env\n' }, 'Add secret.env');
    git(ws2.path, 'add', '-f', 'secret.env');
    git(ws2.path, 'commit', '-qm', 'force-add');
    writeFileSync(join(f.repo.path, 'secret.env'), 'MY_KEY=1\n');
    const refused = expectFail(await f.service.mergeWorkspace(f.project, ws2, { strategy: 'merge' }), 'CHECKOUT_HAS_CHANGES');
    expect(refused.details).toMatchObject({ files: [{ path: 'secret.env', status: 'exists' }] });
    expect(readFileSync(join(f.repo.path, 'secret.env'), 'utf8')).toBe('MY_KEY=1\n');
  });

  it('a checkout on another branch keeps its files; only the branch moves', async () => {
    const f = makeMergeFixture(files);
    const ws = f.addWorkspace('elsewhere');
    f.commitIn(ws.path, { 'a.txt': 'merged\n' }, 'Edit a');
    git(f.repo.path, 'switch', '-q', '-c', 'my-other-branch');
    writeFileSync(join(f.repo.path, 'a.txt'), 'local on other branch\n');
    const outcome = expectOk(await f.service.mergeWorkspace(f.project, ws, { strategy: 'merge' }));
    if (outcome.status !== 'merged') throw new Error('expected a merge');
    expect(outcome.merged.checkout).toBeNull();
    expect(f.show('main', 'a.txt')).toBe('merged\n');
    expect(readFileSync(join(f.repo.path, 'a.txt'), 'utf8')).toBe('local on other branch\n');
  });

  it('the base moving between the checks and update-ref: compare-and-swap refuses, nothing is half-done', async () => {
    let sneaky = '';
    const f = makeMergeFixture(files, {
      hooks: {
        beforeRefUpdate: async () => {
          sneaky = f.repo.commit({ 'c.txt': 'concurrent\n' }, 'Concurrent commit');
        },
      },
    });
    const ws = f.addWorkspace('race');
    const wsHead = f.commitIn(ws.path, { 'a.txt': 'race\n' }, 'Edit a');
    writeFileSync(join(ws.path, 'b.txt'), 'uncommitted in workspace\n');
    const refused = expectFail(await f.service.mergeWorkspace(f.project, ws, { strategy: 'squash', includeUncommitted: true }), 'MERGE_OUTDATED');
    expect(refused.details).toEqual({ moved: 'target' });
    expect(f.rev('main')).toBe(sneaky);
    // The workspace branch's extra commit was undone too, and its folder still holds the edit.
    expect(f.rev(ws.branch)).toBe(wsHead);
    expect(git(ws.path, 'diff', '--name-only')).toBe('b.txt');
    expect(git(ws.path, 'diff', '--cached', '--name-only')).toBe('');
    expect(git(f.repo.path, 'status', '--porcelain')).toBe('');
  });

  it('a stale preview is refused instead of merging something else', async () => {
    const f = makeMergeFixture(files);
    const ws = f.addWorkspace('stale');
    f.commitIn(ws.path, { 'a.txt': 'x\n' }, 'Edit a');
    const preview = expectOk(await f.service.previewMerge(f.project, ws, { strategy: 'merge' }));
    f.repo.commit({ 'b.txt': 'moved\n' }, 'Main moves');
    const before = f.rev('main');
    expectFail(
      await f.service.mergeWorkspace(f.project, ws, { strategy: 'merge' }, { targetCommit: preview.targetCommit, workspaceHead: preview.workspaceHead }),
      'MERGE_OUTDATED',
    );
    expect(f.rev('main')).toBe(before);
  });

  it('a merge in progress in the checkout is refused', async () => {
    const f = makeMergeFixture(files);
    const ws = f.addWorkspace('busy');
    f.commitIn(ws.path, { 'a.txt': 'x\n' }, 'Edit a');
    writeFileSync(join(f.repo.path, '.git', 'MERGE_HEAD'), `${f.rev('main')}\n`);
    const refused = expectFail(await f.service.mergeWorkspace(f.project, ws, { strategy: 'merge' }), 'CHECKOUT_HAS_CHANGES');
    expect(refused.message).toContain('middle of a merge');
  });
});
