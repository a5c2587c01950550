import { closeSync, constants, fstatSync, lstatSync, openSync, readlinkSync, readSync, type Stats } from 'node:fs';
import { fail, ok, type Fail, type Result } from '../../../src-shared/contract';
import { fileSystemRefusal, quotePath, shownPath } from './path-refusal';
import { foldersStillReal, statEntry, type WorktreeEntry } from './worktree-entry';

export type EntryContent =
  | { kind: 'missing' }
  /** A symbolic link: its target text, which is what git stores for it. Never followed. */
  | { kind: 'link'; target: Buffer }
  /** A regular file: its size, and its first `bytesToRead(size)` bytes. */
  | { kind: 'file'; size: number; executable: boolean; content: Buffer }
  /** A folder (a nested repository, a submodule), a socket, a pipe: no content. */
  | { kind: 'other' };

// Not following the entry itself, and not waiting on a pipe swapped in after the check (0 where the platform lacks them).
const openFlags = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

export interface ReadOptions {
  /** How much of a file of this size to read (all of it by default). */
  bytesToRead?: (size: number) => number;
  /**
   * Check after opening that no link was swapped in on the way (default true). A listing
   * that only counts lines turns it off: the check costs more than the read of a small file.
   */
  recheck?: boolean;
}

/**
 * Reads one worktree entry located by `WorktreeEntryLocator`, synchronously (callers read in
 * short slices; one file is at most the diff limit). A link gives its target text. Folders
 * on the way are checked again after opening, so a link swapped in meanwhile is caught:
 * exactly on Linux (`/proc/self/fd` names what was opened), elsewhere by walking again and
 * comparing the inode. File-system refusals come back as values (`fileSystemRefusal`).
 */
export function readWorktreeEntry(entry: WorktreeEntry, options: ReadOptions = {}): Result<EntryContent> {
  if (!entry.reachable) return ok({ kind: 'missing' });
  const stats = statEntry(entry);
  if (!stats.ok) return stats;
  if (!stats.data) return ok({ kind: 'missing' });
  if (stats.data.isSymbolicLink()) return readLink(entry);
  if (!stats.data.isFile()) return ok({ kind: 'other' });
  return readFile(entry, options.bytesToRead ?? ((size) => size), options.recheck ?? true);
}

type ReachableEntry = Extract<WorktreeEntry, { reachable: true }>;

function readLink(entry: ReachableEntry): Result<EntryContent> {
  try {
    const target = readlinkSync(entry.absolute, { encoding: 'buffer' });
    return foldersStillReal(entry) ? ok({ kind: 'link', target }) : changedWhileRead(entry);
  } catch (error) {
    return missingOrRefused(error, entry);
  }
}

function readFile(entry: ReachableEntry, bytesToRead: (size: number) => number, recheck: boolean): Result<EntryContent> {
  let fd: number | undefined;
  try {
    fd = openSync(entry.absolute, openFlags);
    const stats = fstatSync(fd);
    if (recheck && !openedAt(fd, stats, entry)) return changedWhileRead(entry);
    if (!stats.isFile()) return ok({ kind: 'other' });
    const content = readUpTo(fd, Math.max(0, Math.min(stats.size, bytesToRead(stats.size))));
    return ok({ kind: 'file', size: stats.size, executable: (stats.mode & 0o111) !== 0, content });
  } catch (error) {
    // O_NOFOLLOW: the entry became a link after it was looked at.
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') return changedWhileRead(entry);
    return missingOrRefused(error, entry);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Whether the open file is the entry itself, reached through real folders. */
function openedAt(fd: number, opened: Stats, entry: ReachableEntry): boolean {
  let named: Buffer | undefined;
  try {
    named = readlinkSync(`/proc/self/fd/${fd}`, { encoding: 'buffer' });
  } catch {
    // No /proc (macOS, Windows): walk again below.
  }
  if (named) return named.equals(entry.absolute);
  if (!foldersStillReal(entry)) return false;
  const now = lstatSync(entry.absolute, { throwIfNoEntry: false });
  return now !== undefined && now.ino === opened.ino && now.dev === opened.dev;
}

function readUpTo(fd: number, length: number): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  let filled = 0;
  while (filled < length) {
    const bytesRead = readSync(fd, buffer, filled, length - filled, filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

function missingOrRefused(error: unknown, entry: ReachableEntry): Result<EntryContent> {
  const code = (error as NodeJS.ErrnoException).code;
  // Removed (or its folder replaced by a file) since it was looked at.
  if (code === 'ENOENT' || code === 'ENOTDIR') return ok({ kind: 'missing' });
  const refused = fileSystemRefusal(error, entry.name);
  if (!refused) throw error;
  return refused;
}

function changedWhileRead(entry: ReachableEntry): Fail {
  return fail('PATH_OUTSIDE_ROOT', `Refused path ${quotePath(entry.name)}: it changed while it was being read (moved, or a symbolic link appeared on the way).`, {
    path: shownPath(entry.name),
  });
}
