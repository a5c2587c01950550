import { describe, expect, it } from 'vitest';
import { defaultChoices, mergeRequestFor, requestKey, toggleAllFiles, toggleFile } from './merge-choices';

const all = ['a.ts', 'b.ts', 'c.ts'];

describe('merge choices', () => {
  it('merges everything with the suggested message by default', () => {
    expect(mergeRequestFor('t00001', defaultChoices, null)).toEqual({ taskId: 't00001', strategy: 'merge', includeUncommitted: false });
  });

  it('names exactly the ticked files once one is unticked, and waits for the full list before that', () => {
    const choices = toggleFile(defaultChoices, 'b.ts', false);
    expect(mergeRequestFor('t00001', choices, null)).toBeNull();
    expect(mergeRequestFor('t00001', choices, all)?.files).toEqual(['a.ts', 'c.ts']);
    expect(mergeRequestFor('t00001', toggleFile(choices, 'b.ts', true), all)?.files).toBeUndefined();
  });

  it('sends a typed message for squash but not for a plain rebase, which keeps its commits’ messages', () => {
    const squash = { ...defaultChoices, strategy: 'squash' as const, message: 'Add the feature' };
    expect(mergeRequestFor('t00001', squash, all)?.message).toBe('Add the feature');
    expect(mergeRequestFor('t00001', { ...squash, strategy: 'rebase' }, all)?.message).toBeUndefined();
    // A selective rebase still makes one new commit, so its message counts.
    expect(mergeRequestFor('t00001', { ...squash, strategy: 'rebase', excluded: ['a.ts'] }, all)?.message).toBe('Add the feature');
  });

  it('tells requests apart by every choice', () => {
    const base = mergeRequestFor('t00001', defaultChoices, all)!;
    const keys = new Set([
      requestKey(base),
      requestKey({ ...base, strategy: 'squash' }),
      requestKey({ ...base, includeUncommitted: true }),
      requestKey({ ...base, files: ['a.ts'] }),
      requestKey({ ...base, message: 'x' }),
    ]);
    expect(keys.size).toBe(5);
  });

  it('unticks and reticks all files at once', () => {
    const none = toggleAllFiles(defaultChoices, all, false);
    expect(none.excluded).toEqual(all);
    expect(mergeRequestFor('t00001', none, all)?.files).toEqual([]);
    expect(toggleAllFiles(none, all, true).excluded).toEqual([]);
  });
});
