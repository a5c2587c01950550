import { beforeEach, describe, expect, it } from 'vitest';
import { useReviewStore } from './review-store';
import type { DiffFile, ReviewComment, ReviewSummary, WorkspaceDiff } from './review-types';

const file = (path: string, additions = 1): DiffFile => ({ path, status: 'modified', additions, deletions: 0, binary: false });
const diff = (files: DiffFile[]): WorkspaceDiff => ({
  mergeBase: 'a'.repeat(40),
  baseSource: 'branch',
  files,
  totals: { files: files.length, additions: files.reduce((n, f) => n + f.additions, 0), deletions: 0 },
});
const summary = (taskId: string): ReviewSummary => ({ taskId, files: 0, additions: 0, deletions: 0, commands: [], openComments: 0, error: null });
const comment = (id: string, status: ReviewComment['status']): ReviewComment => ({
  id, taskId: 'task01', path: 'a.ts', line: 1, side: 'new', text: 't', status, anchorText: null, createdAt: 1, sentAt: null,
});

describe('review store', () => {
  beforeEach(() => useReviewStore.setState({ overviews: {}, diffs: {}, comments: {} }));

  it('focuses the first file of a new list and keeps the focus across live refreshes', () => {
    const store = useReviewStore.getState();
    store.applyDiff('task01', diff([file('a.ts'), file('b.ts')]));
    expect(useReviewStore.getState().diffs.task01?.focusedKey).toBe('a.ts');
    store.focusFile('task01', 'b.ts');
    store.applyDiff('task01', diff([file('0.ts'), file('a.ts'), file('b.ts', 5)]));
    expect(useReviewStore.getState().diffs.task01?.focusedKey).toBe('b.ts');
  });

  it('keeps the overview line of a task in step with its live diff and comments', () => {
    const store = useReviewStore.getState();
    store.overviewLoaded('proj01', [summary('task01'), summary('task02')]);
    store.applyDiff('task01', diff([file('a.ts', 3), file('b.ts', 4)]));
    store.setComments('task01', [comment('c1', 'open'), comment('c2', 'sent')]);
    const line = useReviewStore.getState().overviews.proj01?.summaries[0];
    expect(line).toMatchObject({ files: 2, additions: 7, openComments: 1 });
    store.putComment(comment('c3', 'open'));
    store.removeComment('task01', 'c1');
    expect(useReviewStore.getState().overviews.proj01?.summaries[0]?.openComments).toBe(1);
    expect(useReviewStore.getState().overviews.proj01?.summaries[1]?.files).toBe(0);
  });

  it('keeps the last list on screen when a reload fails, with the reason', () => {
    const store = useReviewStore.getState();
    store.applyDiff('task01', diff([file('a.ts')]));
    store.diffLoading('task01');
    store.diffFailed('task01', "The task's workspace is missing.");
    const state = useReviewStore.getState().diffs.task01;
    expect(state?.diff?.files).toHaveLength(1);
    expect(state?.error).toBe("The task's workspace is missing.");
    expect(state?.loading).toBe(false);
  });

  it('remembers the diff layout', () => {
    useReviewStore.getState().setDiffMode('inline');
    expect(useReviewStore.getState().diffMode).toBe('inline');
  });
});
