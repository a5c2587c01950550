import { readdir, rm, rmdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ok, type Result } from '../../../src-shared/contract';
import { locateWorktreeEntry, statEntry } from '../paths/worktree-entry';
import { assertInsideRoot } from './path-guard';

/**
 * Checks that a worktree file (path relative to the root, as git names it) may be removed,
 * and returns its absolute path; null when git has nothing there because a symbolic link
 * sits on the way (removing would delete through the link). The name is confined like every
 * review path (`locateWorktreeEntry`), then passes the deletion guard. A symbolic link is
 * judged by the folder it sits in, since removing it removes the link, never what it points
 * at (which may well be outside).
 */
export function guardWorktreeRemoval(root: string, relativePath: string): Result<string | null> {
  const entry = locateWorktreeEntry(root, relativePath);
  if (!entry.ok) return entry;
  if (!entry.data.reachable) return ok(null);
  const full = entry.data.absolute.toString('utf8');
  const stats = statEntry(entry.data);
  if (!stats.ok) return stats;
  if (!stats.data?.isSymbolicLink()) return assertInsideRoot(root, full);
  const parent = dirname(full);
  if (parent === entry.data.realRoot.toString('utf8')) return ok(full);
  const guarded = assertInsideRoot(root, parent);
  return guarded.ok ? ok(full) : guarded;
}

/** Removes files already passed through `guardWorktreeRemoval`, then the folders they leave empty. */
export async function removeWorktreeFiles(root: string, guardedPaths: readonly string[]): Promise<void> {
  for (const path of guardedPaths) {
    await rm(path, { force: true });
    await removeEmptyParents(root, dirname(path));
  }
}

/** Git does not keep empty folders, so a folder emptied by a removal goes too. */
async function removeEmptyParents(root: string, folder: string): Promise<void> {
  let current = folder;
  while (assertInsideRoot(root, current).ok) {
    const entries = await readdir(current).catch(() => null);
    if (entries === null || entries.length > 0) return;
    await rmdir(current).catch(() => undefined);
    current = dirname(current);
  }
}
