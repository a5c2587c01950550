import { readWorktreeEntry } from '../paths/worktree-entry-read';
import type { ReviewCommentRow } from '../store/review-comment-repository';
import { locateReviewPath } from '../paths/review-path';

/**
 * Reads a file of the task's worktree as it is now: its text, null when it does not exist,
 * undefined when it could not be read (the comment is then left as it is).
 */
export type CurrentFileReader = (path: string) => Promise<string | null | undefined>;

/** How far (in lines) a commented line may have moved and still count as the same line. */
const moveWindow = 20;

export type AnchorVerdict = { kind: 'unchanged' } | { kind: 'moved'; line: number } | { kind: 'changed' } | { kind: 'unknown' };

/**
 * Whether the line a comment (or the lines a review finding) was anchored to is still there.
 * `anchorText` is one line, or several joined with "\n" starting at `line`. Exact text at the
 * same place: unchanged. The same text within a few lines: it moved (edits above it).
 * Otherwise it changed or the file is gone, which most likely means it was acted on.
 */
export function judgeAnchor(comment: Pick<ReviewCommentRow, 'line' | 'anchorText'>, content: string | null | undefined): AnchorVerdict {
  if (content === undefined) return { kind: 'unknown' };
  if (content === null) return { kind: 'changed' };
  if (comment.anchorText === null) return { kind: 'unknown' };
  const anchor = comment.anchorText.split('\n').map((line) => line.replace(/\r$/, ''));
  const lines = content.split(/\r?\n/);
  const index = comment.line - 1;
  const matchesAt = (start: number) => anchor.every((text, offset) => lines[start + offset] === text);
  if (matchesAt(index)) return { kind: 'unchanged' };
  for (let distance = 1; distance <= moveWindow; distance += 1) {
    for (const candidate of [index - distance, index + distance]) {
      if (candidate >= 0 && matchesAt(candidate)) return { kind: 'moved', line: candidate + 1 };
    }
  }
  return { kind: 'changed' };
}

/**
 * The default reader: files of one worktree, by review path, confined like every review read
 * (never through a symbolic link; a link is its target text, as git stores it).
 */
export function worktreeFileReader(worktreePath: string): CurrentFileReader {
  return async (path) => {
    const entry = locateReviewPath(worktreePath, path);
    if (!entry.ok) return undefined;
    const read = readWorktreeEntry(entry.data);
    if (!read.ok) return undefined;
    if (read.data.kind === 'file') return read.data.content.toString('utf8');
    if (read.data.kind === 'link') return read.data.target.toString('utf8');
    return null;
  };
}
