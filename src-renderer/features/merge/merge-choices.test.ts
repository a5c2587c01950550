import { describe, expect, it } from 'vitest';
import { chosenHunks, defaultChoices, fileChoice, hunkLabel, mergeRequestFor, messageApplies, requestKey, toggleAllFiles, toggleFile, toggleHunk } from './merge-choices';

const all = ['a.ts', 'b.ts', 'c.ts'];

describe('merge choices', () => {
  it('merges everything, uncommitted files included, with the suggested message by default', () => {
    expect(mergeRequestFor('t00001', defaultChoices, null)).toEqual({ taskId: 't00001', strategy: 'merge', includeUncommitted: true });
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
      requestKey({ ...base, includeUncommitted: false }),
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

describe('choosing hunks of a modified file', () => {
  const first = { oldStart: 1, oldLines: 4, newStart: 1, newLines: 4 };
  const second = { oldStart: 17, oldLines: 7, newStart: 17, newLines: 8 };
  const third = { oldStart: 40, oldLines: 3, newStart: 41, newLines: 2 };
  // As review.fileDiff gives them: ranges plus their lines.
  const hunks = [first, second, third].map((range) => ({ ...range, header: `@@ -${range.oldStart} @@`, lines: [] }));

  it('merges the whole file while every hunk is ticked', () => {
    const untickedThenTicked = toggleHunk(toggleHunk(defaultChoices, 'b.ts', hunks, second, false), 'b.ts', hunks, second, true);
    expect(untickedThenTicked).toEqual(defaultChoices);
    expect(fileChoice(untickedThenTicked, 'b.ts')).toBe('whole');
    expect(mergeRequestFor('t00001', untickedThenTicked, null)).toEqual({ taskId: 't00001', strategy: 'merge', includeUncommitted: true });
  });

  it('sends only the ticked hunks of the file (bare ranges, in diff order) and keeps it out of the whole files', () => {
    let choices = toggleHunk(defaultChoices, 'b.ts', hunks, second, false);
    expect(fileChoice(choices, 'b.ts')).toBe('some');
    expect(mergeRequestFor('t00001', choices, null)).toBeNull();
    expect(mergeRequestFor('t00001', choices, all)).toEqual({
      taskId: 't00001',
      strategy: 'merge',
      includeUncommitted: true,
      files: ['a.ts', 'c.ts'],
      hunks: [{ path: 'b.ts', hunks: [first, third] }],
    });
    choices = toggleHunk(choices, 'b.ts', hunks, first, false);
    expect(mergeRequestFor('t00001', choices, all)?.hunks).toEqual([{ path: 'b.ts', hunks: [third] }]);
    expect(chosenHunks(choices, 'b.ts', hunks)).toEqual([hunks[2]]);
    // A rebase of some hunks still makes one new commit, so a typed message counts.
    expect(messageApplies({ ...choices, strategy: 'rebase' })).toBe(true);
  });

  it('leaves the file out when its last hunk is unticked, and brings back just the hunk ticked next', () => {
    let choices = defaultChoices;
    for (const hunk of hunks) choices = toggleHunk(choices, 'b.ts', hunks, hunk, false);
    expect(fileChoice(choices, 'b.ts')).toBe('none');
    expect(mergeRequestFor('t00001', choices, all)).toMatchObject({ files: ['a.ts', 'c.ts'] });
    expect(mergeRequestFor('t00001', choices, all)?.hunks).toBeUndefined();
    choices = toggleHunk(choices, 'b.ts', hunks, third, true);
    expect(choices.excluded).toEqual([]);
    expect(mergeRequestFor('t00001', choices, all)?.hunks).toEqual([{ path: 'b.ts', hunks: [third] }]);
  });

  it('is not confused by the same event twice', () => {
    const once = toggleHunk(defaultChoices, 'b.ts', hunks, first, false);
    expect(toggleHunk(once, 'b.ts', hunks, first, false)).toEqual(once);
  });

  it('ticking the file takes it whole again; unticking it or all files forgets its hunks', () => {
    const some = toggleHunk(defaultChoices, 'b.ts', hunks, second, false);
    expect(fileChoice(toggleFile(some, 'b.ts', true), 'b.ts')).toBe('whole');
    expect(mergeRequestFor('t00001', toggleFile(some, 'b.ts', true), all)?.files).toBeUndefined();
    expect(toggleFile(some, 'b.ts', false)).toMatchObject({ excluded: ['b.ts'], hunks: {} });
    expect(toggleAllFiles(some, all, true)).toMatchObject({ excluded: [], hunks: {} });
  });

  it('ignores chosen hunks the file no longer has, and files no longer changed', () => {
    const some = { ...toggleHunk(defaultChoices, 'b.ts', hunks, second, false), includeUncommitted: false };
    const moved = [first, { ...third, newStart: 42 }];
    expect(chosenHunks(some, 'b.ts', moved)).toEqual([first]);
    // b.ts is not among this merge's files (say its changes are uncommitted and left out): a whole merge.
    expect(mergeRequestFor('t00001', some, ['a.ts'])).toEqual({ taskId: 't00001', strategy: 'merge', includeUncommitted: false });
    expect(mergeRequestFor('t00001', toggleFile(some, 'c.ts', false), ['a.ts', 'c.ts'])).toMatchObject({ files: ['a.ts'] });
    expect(mergeRequestFor('t00001', toggleFile(some, 'c.ts', false), ['a.ts', 'c.ts'])?.hunks).toBeUndefined();
  });

  it('tells requests with different hunks apart', () => {
    const one = mergeRequestFor('t00001', toggleHunk(defaultChoices, 'b.ts', hunks, second, false), all)!;
    const other = mergeRequestFor('t00001', toggleHunk(defaultChoices, 'b.ts', hunks, first, false), all)!;
    expect(requestKey(one)).not.toBe(requestKey(other));
  });

  it('names a hunk as git does', () => {
    expect(hunkLabel(second)).toBe('-17,7 +17,8');
  });
});
