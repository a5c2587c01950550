import { ok, type Result } from '../../../src-shared/contract';
import { defaultDiffLimits } from '../diffs/diff-types';
import { binarySniffBytes } from '../diffs/untracked-files';
import { readWorktreeEntry } from '../paths/worktree-entry-read';
import { locateReviewPath } from './review-path';
import type { FilePatch } from './unified-diff';

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
  const headerLines = [`diff --git a/${path} b/${path}`, `new file mode ${mode}`];
  if (content.subarray(0, binarySniffBytes).includes(0)) {
    return ok({ headerLines: [...headerLines, `Binary files /dev/null and b/${path} differ`], hunks: [], binary: true });
  }
  if (content.length === 0 || (found.kind === 'file' && found.size > defaultDiffLimits.maxBytes)) return ok({ headerLines, hunks: [], binary: false });

  const text = content.toString('utf8');
  const lines = text.split('\n');
  const endsWithNewline = text.endsWith('\n');
  if (endsWithNewline) lines.pop();
  const body = lines.map((line) => `+${line}`);
  if (!endsWithNewline) body.push('\\ No newline at end of file');
  return ok({
    headerLines: [...headerLines, '--- /dev/null', `+++ b/${path}`],
    hunks: [
      {
        oldStart: 0,
        oldLines: 0,
        newStart: 1,
        newLines: lines.length,
        header: lines.length === 1 ? '@@ -0,0 +1 @@' : `@@ -0,0 +1,${lines.length} @@`,
        lines: body,
      },
    ],
    binary: false,
  });
}
