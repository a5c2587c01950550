import type { ReviewComment } from './review-types';

export interface CommentGroup {
  path: string;
  comments: ReviewComment[];
  open: number;
}

/** Comments per file, files in name order (the focused file first), each by line then age. */
export function groupCommentsByFile(comments: readonly ReviewComment[], focusedPath: string | null = null): CommentGroup[] {
  const byPath = new Map<string, ReviewComment[]>();
  for (const comment of comments) {
    const list = byPath.get(comment.path);
    if (list) list.push(comment);
    else byPath.set(comment.path, [comment]);
  }
  const groups = [...byPath.entries()].map(([path, list]) => ({
    path,
    comments: list.sort((a, b) => a.line - b.line || a.createdAt - b.createdAt),
    open: list.filter((comment) => comment.status === 'open').length,
  }));
  return groups.sort((a, b) => {
    if (a.path === focusedPath) return -1;
    if (b.path === focusedPath) return 1;
    return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
  });
}

export const openCommentCount = (comments: readonly ReviewComment[]): number =>
  comments.reduce((count, comment) => count + (comment.status === 'open' ? 1 : 0), 0);

/** Lines of one file that carry comments, per side, for the editor's gutter marks. */
export function commentedLines(comments: readonly ReviewComment[], path: string): { old: number[]; new: number[] } {
  const lines = { old: [] as number[], new: [] as number[] };
  for (const comment of comments) {
    if (comment.path === path && comment.status !== 'addressed') lines[comment.side].push(comment.line);
  }
  return lines;
}
