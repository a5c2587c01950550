import { describe, expect, it } from 'vitest';
import { suggestCommitMessage, suggestHunkCommitMessage } from './commit-message';

describe('suggested commit messages', () => {
  it('names one or two files, and counts the rest', () => {
    expect(suggestCommitMessage([{ path: 'src/nav.ts', kind: 'modified' }])).toBe('Update nav.ts');
    expect(suggestCommitMessage([{ path: 'a.ts', kind: 'added' }, { path: 'lib/b.ts', kind: 'added' }])).toBe('Add a.ts and b.ts');
    expect(
      suggestCommitMessage([
        { path: 'src/nav.ts', kind: 'modified' },
        { path: 'old.ts', kind: 'deleted' },
        { path: 'new.ts', kind: 'added' },
        { path: 'x.ts', kind: 'modified' },
      ]),
    ).toBe('Update nav.ts and 3 other files');
    expect(suggestCommitMessage([{ path: 'gone.ts', kind: 'deleted' }])).toBe('Delete gone.ts');
  });

  it('says which lines an accepted hunk touched', () => {
    expect(suggestHunkCommitMessage('src/nav.ts', { oldStart: 4, oldLines: 1, newStart: 4, newLines: 3 })).toBe('Update nav.ts (lines 4-6)');
    expect(suggestHunkCommitMessage('src/nav.ts', { oldStart: 9, oldLines: 1, newStart: 9, newLines: 1 })).toBe('Update nav.ts (line 9)');
    expect(suggestHunkCommitMessage('nav.ts', { oldStart: 7, oldLines: 2, newStart: 6, newLines: 0 })).toBe('Update nav.ts: remove lines 7-8');
  });
});
