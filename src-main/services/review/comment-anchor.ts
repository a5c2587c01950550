import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isStrictlyInside } from '../paths/path-containment';
import type { ReviewCommentRow } from '../store/review-comment-repository';
import { validateReviewPath } from './review-path';

/**
 * Reads a file of the task's worktree as it is now: its text, null when it does not exist,
 * undefined when it could not be read (the comment is then left as it is).
 */
export type CurrentFileReader = (path: string) => Promise<string | null | undefined>;

/** How far (in lines) a commented line may have moved and still count as the same line. */
const moveWindow = 20;

export type AnchorVerdict = { kind: 'unchanged' } | { kind: 'moved'; line: number } | { kind: 'changed' } | { kind: 'unknown' };

/**
 * Whether the line a comment was anchored to is still there. Exact text at the same line:
 * unchanged. The same text within a few lines: it moved (edits above it). Otherwise it
 * changed or the file is gone, which most likely means the comment was acted on.
 */
export function judgeAnchor(comment: Pick<ReviewCommentRow, 'line' | 'anchorText'>, content: string | null | undefined): AnchorVerdict {
  if (content === undefined) return { kind: 'unknown' };
  if (content === null) return { kind: 'changed' };
  if (comment.anchorText === null) return { kind: 'unknown' };
  const anchor = comment.anchorText.replace(/\r$/, '');
  const lines = content.split(/\r?\n/);
  const index = comment.line - 1;
  if (lines[index] === anchor) return { kind: 'unchanged' };
  for (let distance = 1; distance <= moveWindow; distance += 1) {
    for (const candidate of [index - distance, index + distance]) {
      if (candidate >= 0 && lines[candidate] === anchor) return { kind: 'moved', line: candidate + 1 };
    }
  }
  return { kind: 'changed' };
}

/** The default reader: files of one worktree, by review path. */
export function worktreeFileReader(worktreePath: string): CurrentFileReader {
  return async (path) => {
    if (!validateReviewPath(path).ok) return undefined;
    const full = join(worktreePath, path);
    if (!isStrictlyInside(worktreePath, full)) return undefined;
    try {
      return await readFile(full, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return code === 'ENOENT' || code === 'ENOTDIR' ? null : undefined;
    }
  };
}
