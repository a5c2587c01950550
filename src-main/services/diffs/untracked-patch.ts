import { ok, type Result } from '../../../src-shared/contract';
import { locateReviewPath } from '../paths/review-path';
import { readWorktreeEntry } from '../paths/worktree-entry-read';
import { defaultDiffLimits } from './diff-types';
import { additionPatch, type FilePatch } from './unified-diff';
import { binarySniffBytes } from './untracked-files';

/**
 * An untracked file's diff against nothing, as `git diff --no-index /dev/null <file>` prints
 * it, built from a confined read instead: git's `--no-index` follows links on the way (and
 * fails on a link to a folder), where the review must show a link as its target text and
 * never read through one. Null when nothing is there; a file over the diff limit has no hunks.
 */
export function untrackedPatch(root: string, path: string): Result<FilePatch | null> {
  const entry = locateReviewPath(root, path);
  if (!entry.ok) return entry;
  const read = readWorktreeEntry(entry.data, { bytesToRead: (size) => (size > defaultDiffLimits.maxBytes ? binarySniffBytes : size) });
  if (!read.ok) return read;
  const found = read.data;
  if (found.kind === 'missing' || found.kind === 'other') return ok(null);
  const content = found.kind === 'link' ? found.target : found.content;
  const mode = found.kind === 'link' ? '120000' : found.executable ? '100755' : '100644';
  return ok(
    additionPatch(path, content, {
      mode,
      binary: content.subarray(0, binarySniffBytes).includes(0),
      withoutHunks: found.kind === 'file' && found.size > defaultDiffLimits.maxBytes,
    }),
  );
}
