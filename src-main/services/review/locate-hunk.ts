import { fail, ok, type Result } from '../../../src-shared/contract';
import type { WorkspaceHandle } from '../workspaces/workspace-handle';
import { readFileDiff } from './file-diff';
import { resolveRequestedHunk } from './hunk-selection';
import { rangeOf, type DiffHunk, type FilePatch, type HunkRange } from './unified-diff';

/** A single hunk of a file's diff against the merge-base, or the whole file. */
export type HunkTarget = HunkRange | 'file';

export interface LocatedHunks {
  /** The file's zero-context diff from the merge-base to the working tree. */
  patch: FilePatch;
  /** The zero-context hunks the request stands for. */
  hunks: DiffHunk[];
}

/**
 * Checks the requested hunk against the file's diff as it is now (merge-base → working
 * tree, untracked files against nothing). The agent may have written since the user saw
 * it: a hunk that no longer matches is refused with HUNK_CHANGED and the current hunks.
 */
export async function locateHunk(
  handle: WorkspaceHandle,
  mergeBase: string,
  path: string,
  request: HunkRange,
  untracked: boolean,
): Promise<Result<LocatedHunks>> {
  const zero = await readFileDiff(handle, mergeBase, path, 0, untracked);
  if (!zero.ok) return zero;
  let hunks = zero.data ? resolveRequestedHunk(request, zero.data.hunks, []) : null;
  if (zero.data && !hunks) {
    const grouped = await readFileDiff(handle, mergeBase, path, 3, untracked);
    if (!grouped.ok) return grouped;
    hunks = resolveRequestedHunk(request, zero.data.hunks, grouped.data?.hunks ?? []);
  }
  if (!zero.data || !hunks) {
    return fail('HUNK_CHANGED', `${path} has changed since it was shown: that hunk is not there any more. Look at the new diff and try again.`, {
      path,
      requested: rangeOf(request),
      current: zero.data?.hunks.map(rangeOf) ?? [],
    });
  }
  return ok({ patch: zero.data, hunks });
}
