import { ok, type Result } from '../../../src-shared/contract';
import type { WorktreeEntry } from '../paths/worktree-entry';
import { readWorktreeEntry } from '../paths/worktree-entry-read';

export type WorkingFileRead =
  | { kind: 'missing' }
  | { kind: 'tooLarge'; bytes: number }
  /** A regular file's bytes, or a symlink's target (what git stores for a link). */
  | { kind: 'content'; content: Buffer; mode: string }
  /** A directory where git expects a file: a submodule or nested repository. */
  | { kind: 'other' };

/**
 * Reads one working-tree file, located through real folders only (so never through a link
 * out of the worktree), without loading it when it is over `maxBytes`. A link is its target
 * text; a name below a link is missing, as git sees it.
 */
export function readWorkingFile(entry: WorktreeEntry, maxBytes: number): Result<WorkingFileRead> {
  const read = readWorktreeEntry(entry, { bytesToRead: (size) => (size > maxBytes ? 0 : size) });
  if (!read.ok) return read;
  const found = read.data;
  if (found.kind === 'link') return ok({ kind: 'content', content: found.target, mode: '120000' });
  if (found.kind !== 'file') return ok(found);
  if (found.size > maxBytes) return ok({ kind: 'tooLarge', bytes: found.size });
  return ok({ kind: 'content', content: found.content, mode: found.executable ? '100755' : '100644' });
}
