import { describe, expect, it } from 'vitest';
import { aheadBehindText, committedText, newerChangedFiles, restoredText } from './history-text';

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

  it('reads the files from a refusal’s details, and nothing from malformed ones', () => {
    expect(newerChangedFiles({ files: ['a.ts', 'b.ts'], latestTurn: 4 })).toEqual(['a.ts', 'b.ts']);
    expect(newerChangedFiles({ files: [1] })).toBeNull();
    expect(newerChangedFiles(undefined)).toBeNull();
  });
});
