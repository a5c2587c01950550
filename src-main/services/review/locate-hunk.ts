import { fail, ok, type Result } from '../../../src-shared/contract';
import { hunkId, hunkRange, type Hunk, type HunkRange } from '../diffs/hunk';
import { findHunk } from '../diffs/hunk-selection';
import { hunksOf, readFileDiff, shownContext } from '../diffs/read-file-diff';
import type { FilePatch } from '../diffs/unified-diff';
import { validateReviewPath } from '../paths/review-path';
import type { WorkspaceHandle } from '../workspaces/workspace-handle';

/** A single hunk of a file's diff against the merge-base, or the whole file. */
export type HunkTarget = HunkRange | 'file';

/** A hunk as a request names it: its range, and (from DiffLens) its `id`. */
export interface HunkRequest {
  range: HunkRange;
  id?: string;
}

/** A file as the review names it: its path, and its old path when DiffLens shows it as renamed. */
export interface ReviewFile {
  path: string;
  oldPath?: string;
}

export const hunkRequestOf = (range: HunkRange, id: string | undefined): HunkRequest => (id === undefined ? { range } : { range, id });

/** Both names of a request checked as review paths, before git or the disk sees either. */
export function validateReviewPaths(file: ReviewFile): Result<string> {
  if (file.oldPath !== undefined) {
    const old = validateReviewPath(file.oldPath);
    if (!old.ok) return old;
  }
  return validateReviewPath(file.path);
}

/** The names to diff: the old path only when it differs (a rename). */
export const reviewFileOf = (file: ReviewFile): ReviewFile =>
  file.oldPath !== undefined && file.oldPath !== file.path ? { path: file.path, oldPath: file.oldPath } : { path: file.path };

export interface LocatedHunk {
  /** The file section the hunk belongs to (its header makes the patch). */
  patch: FilePatch;
  /** The very hunk DiffLens shows (or the zero-context one the request named). */
  hunk: Hunk;
}

/**
 * Finds the requested hunk in the file's diff as it is now (merge-base → working tree,
 * untracked files against nothing), read by the same function, with the same context and the
 * same names (a rename's old path included) as DiffLens's file diff: the hunk on screen is
 * the object found. With the hunk's `id` it must be exactly that hunk (its lines, not only its
 * range). Without one, a request may also name a hunk of the zero-context diff (the finest a
 * change can be split). The agent may have written since the user saw the file: no such
 * hunk → HUNK_CHANGED, with the current hunks.
 */
export async function locateHunk(handle: WorkspaceHandle, mergeBase: string, file: ReviewFile, request: HunkRequest, untracked: boolean): Promise<Result<LocatedHunk>> {
  const shown = await readFileDiff(handle, mergeBase, file, { context: shownContext, untracked });
  if (!shown.ok) return shown;
  const found = findHunk(shown.data, request.range);
  // Named by its id, the hunk must be exactly the one shown: same range is not enough.
  if (found && (request.id === undefined || hunkId(found.hunk) === request.id)) return ok(found);
  const zero = await readFileDiff(handle, mergeBase, file, { context: 0, untracked });
  if (!zero.ok) return zero;
  const finest = request.id === undefined ? findHunk(zero.data, request.range) : null;
  if (finest) return ok(finest);
  return fail('HUNK_CHANGED', `${file.path} has changed since it was shown: that hunk is not there any more. Look at the new diff and try again.`, {
    path: file.path,
    requested: hunkRange(request.range),
    // The file's hunks now, zero-context and as DiffLens shows them.
    current: hunksOf(zero.data).map(hunkRange),
    shown: hunksOf(shown.data).map(hunkRange),
  });
}
