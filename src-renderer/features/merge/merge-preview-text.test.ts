import { describe, expect, it } from 'vitest';
import type { MergePreviewView } from '../../../src-shared/contract';
import { checkoutSentence, commitListTitle, conflictSentence, lineCounts, mergedSentence, strategySentence, uncommittedSentence } from './merge-preview-text';

const preview: MergePreviewView = {
  strategy: 'merge',
  selective: false,
  targetBranch: 'main',
  targetCommit: 'a'.repeat(40),
  workspaceBranch: 'braid/alpha',
  workspaceHead: 'b'.repeat(40),
  mergeBase: 'c'.repeat(40),
  commits: [
    { sha: 'd'.repeat(40), subject: 'one' },
    { sha: 'e'.repeat(40), subject: 'two' },
  ],
  newCommitCount: 1,
  uncommitted: [],
  includesUncommitted: false,
  uncommittedCommit: null,
  files: [{ path: 'a.ts', status: 'M', additions: 3, deletions: 1 }],
  clean: true,
  conflicts: [],
  message: "Merge branch 'braid/alpha'",
  checkout: { path: '/repo', isMain: true, action: 'update', blockingFiles: [], operation: null },
  blocked: null,
};

describe('merge preview sentences', () => {
  it('says what each strategy puts on the target branch', () => {
    expect(strategySentence(preview)).toBe('One merge commit on main joins braid/alpha (2 commits).');
    expect(strategySentence({ ...preview, strategy: 'squash' })).toBe('One commit on main with every change from braid/alpha (2 commits squashed).');
    expect(strategySentence({ ...preview, strategy: 'rebase', newCommitCount: 2 })).toBe('2 commits replayed onto main, then main fast-forwards to them.');
    expect(strategySentence({ ...preview, strategy: 'rebase', selective: true })).toBe('One new commit on main with only the 1 selected file.');
  });

  it('says plainly that uncommitted files are committed to the workspace branch first, or left out', () => {
    expect(uncommittedSentence(preview)).toBeNull();
    const dirty = { ...preview, uncommitted: [{ path: 'a.ts', status: 'M' }, { path: 'new.ts', status: 'A' }] };
    expect(uncommittedSentence({ ...dirty, includesUncommitted: true, uncommittedCommit: { sha: 'f'.repeat(40), subject: 'Uncommitted changes from braid/alpha' } })).toBe(
      'Includes 2 uncommitted files from the workspace; they will be committed to braid/alpha as “Uncommitted changes from braid/alpha” first.',
    );
    expect(uncommittedSentence(dirty)).toBe('2 uncommitted files are left out: they stay in the workspace, not merged.');
  });

  it('heads the commit list with whether those commits themselves land', () => {
    expect(commitListTitle(preview)).toBe('2 commits land');
    expect(commitListTitle({ ...preview, strategy: 'squash' })).toBe('2 commits squashed into one new commit');
    expect(commitListTitle({ ...preview, strategy: 'rebase' })).toBe('2 commits replayed onto main as new commits');
    expect(commitListTitle({ ...preview, strategy: 'rebase', mergeBase: preview.targetCommit })).toBe('2 commits land');
    expect(commitListTitle({ ...preview, selective: true })).toBe('Taken from 2 commits, as one new commit');
  });

  it('says whether the user’s checkout is updated or why the merge is refused', () => {
    expect(checkoutSentence(preview)).toMatch(/^Your checkout at \/repo is on main and will be updated/);
    const refused = { ...preview, checkout: { path: '/repo', isMain: true, action: 'refuse' as const, blockingFiles: [{ path: 'a.ts', status: 'M' }], operation: null } };
    expect(checkoutSentence(refused)).toBe('Refused: your checkout at /repo has uncommitted changes in files this merge changes. Commit or stash them there first.');
    expect(checkoutSentence({ ...refused, checkout: { ...refused.checkout, operation: 'rebase' } })).toContain('has a rebase in progress');
    expect(checkoutSentence({ ...preview, checkout: null })).toBe('No checkout has main checked out: only the branch moves.');
  });

  it('lists conflicts and line counts plainly', () => {
    expect(conflictSentence(preview)).toBe('Merges cleanly.');
    expect(conflictSentence({ clean: false, conflicts: ['a.ts', 'b.ts'] })).toMatch(/^Conflicts in: a\.ts, b\.ts\./);
    expect(lineCounts({ additions: 3, deletions: 0 })).toBe('+3 −0');
    expect(lineCounts({ additions: null, deletions: null })).toBe('binary');
  });

  it('says where a merge went', () => {
    expect(
      mergedSentence({ targetBranch: 'main', previousCommit: '1'.repeat(40), newCommit: '2'.repeat(40), strategy: 'squash', selective: true, files: ['a.ts', 'b.ts'] }),
    ).toBe('Merged 2 selected files into main: 1111111111 → 2222222222.');
  });
});
