import { describe, expect, it } from 'vitest';
import { commentedLines, groupCommentsByFile, openCommentCount } from './comment-groups';
import type { ReviewComment } from './review-types';

let next = 0;
const comment = (path: string, line: number, change: Partial<ReviewComment> = {}): ReviewComment => ({
  id: `c${++next}`,
  taskId: 'task01',
  path,
  line,
  side: 'new',
  text: `note ${next}`,
  status: 'open',
  anchorText: null,
  createdAt: next,
  sentAt: null,
  ...change,
});

describe('comments per file', () => {
  const comments = [comment('src/b.ts', 9), comment('src/a.ts', 30), comment('src/b.ts', 2, { status: 'sent' }), comment('src/a.ts', 4, { status: 'addressed' })];

  it('groups by file in name order, each by line, counting the open ones', () => {
    const groups = groupCommentsByFile(comments);
    expect(groups.map((g) => g.path)).toEqual(['src/a.ts', 'src/b.ts']);
    expect(groups[0]!.comments.map((c) => c.line)).toEqual([4, 30]);
    expect(groups[1]!.comments.map((c) => c.line)).toEqual([2, 9]);
    expect(groups.map((g) => g.open)).toEqual([1, 1]);
  });

  it('puts the focused file first', () => {
    expect(groupCommentsByFile(comments, 'src/b.ts').map((g) => g.path)).toEqual(['src/b.ts', 'src/a.ts']);
  });

  it('counts only open comments as waiting to be sent', () => {
    expect(openCommentCount(comments)).toBe(2);
    expect(openCommentCount([])).toBe(0);
  });

  it('marks the lines of one file that still carry a comment, per side', () => {
    const lines = commentedLines([...comments, comment('src/a.ts', 7, { side: 'old' })], 'src/a.ts');
    expect(lines).toEqual({ old: [7], new: [30] });
  });
});
