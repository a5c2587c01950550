import { describe, expect, it } from 'vitest';
import { aheadBehindText, committedText, mergedLineText, newerChangedFiles, noCommitsText, restoredText } from './history-text';

describe('history texts', () => {
  it('says what a commit made, with the first line of its message', () => {
    expect(committedText({ sha: '0123456789abcdef', message: 'Update a.ts\n\nbody', files: [{}, {}] })).toBe('Committed 0123456789 “Update a.ts” (2 files).');
  });

  it('says where the backup of a forced restore went, or that nothing changed', () => {
    expect(restoredText({ turn: 2, files: [{}], backup: null })).toBe('Restored 1 file to turn 2.');
    expect(restoredText({ turn: 2, files: [{}, {}], backup: 'fedcba9876543210' })).toContain('kept as commit fedcba9876 (under refs/braid/restore-backups)');
    expect(restoredText({ turn: 3, files: [], backup: null })).toBe('The files already matched turn 3; nothing was changed.');
  });

  it('counts ahead and behind against the base branch', () => {
    expect(aheadBehindText({ ahead: 1, behind: 0, baseBranch: 'main' })).toBe('1 commit ahead of main');
    expect(aheadBehindText({ ahead: 3, behind: 2, baseBranch: 'dev' })).toBe('3 commits ahead of dev, 2 behind');
  });

  it('after a merge says the branch’s work is in the base, not that there are no commits yet', () => {
    const log = { branch: 'braid/alpha', baseBranch: 'main' };
    const merged = { targetBranch: 'main', newCommit: 'abc1234def567890', mergedAt: 1_700_000_000_000, strategy: 'merge', selective: false };
    const at = (ms: number) => `T${ms}`;
    expect(noCommitsText(log, null, at)).toBe('No commits on braid/alpha since main yet.');
    expect(noCommitsText(log, merged, at)).toBe('Merged into main at T1700000000000 (abc1234def); no new commits on braid/alpha since.');
    // Merged into another branch than the one the history compares with: nothing to say about it here.
    expect(noCommitsText(log, { ...merged, targetBranch: 'dev' }, at)).toBe('No commits on braid/alpha since main yet.');
    expect(mergedLineText(log, null, at)).toBeNull();
    expect(mergedLineText(log, { ...merged, strategy: 'squash' }, at)).toBe('Merged into main at T1700000000000 (abc1234def, squashed).');
  });

  it('reads the files from a refusal’s details, and nothing from malformed ones', () => {
    expect(newerChangedFiles({ files: ['a.ts', 'b.ts'], latestTurn: 4 })).toEqual(['a.ts', 'b.ts']);
    expect(newerChangedFiles({ files: [1] })).toBeNull();
    expect(newerChangedFiles(undefined)).toBeNull();
  });
});
