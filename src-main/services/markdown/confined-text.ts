import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveInsideWorkspace } from '../paths/confine-path';
import { readTextFile } from './text-file';

/** A file read inside its root, or why not (`missing`: it simply is not there). */
export type ConfinedText = { ok: true; realPath: string; text: string; cut: boolean } | { ok: false; missing: boolean; problem: string };

/**
 * Reads `name` (relative to `root`) only when it really lies inside `root`, links resolved: a
 * rules or command file that is a symbolic link to `/etc/passwd` or `~/.ssh/…` must not end up
 * in a model's context. `shown` names it in problems.
 */
export async function readConfinedText(root: string, name: string, shown: string): Promise<ConfinedText> {
  const located = resolveInsideWorkspace(root, name);
  if (!located.ok) return { ok: false, missing: false, problem: `${shown}: ${located.error.message}` };
  const read = await readTextFile(located.data, shown);
  if (!read.ok) return { ok: false, missing: read.reason === 'missing', problem: read.message };
  return { ok: true, realPath: located.data, text: read.text, cut: read.cutAtBytes !== null };
}

export interface FolderListing {
  /** `/`-separated names relative to the folder, sorted. */
  names: string[];
  /** More files than `maxFiles` were there (the first ones are listed). */
  truncated: boolean;
}

/**
 * Files whose name ends with `extension` below `folder`, sub-folders included up to `maxDepth`
 * (links to folders are not followed), at most `maxFiles`. A missing folder lists nothing.
 */
export async function listFilesBelow(folder: string, extension: string, limits: { maxDepth: number; maxFiles: number }): Promise<FolderListing> {
  const names: string[] = [];
  let truncated = false;
  const walk = async (dir: string, prefix: string, depth: number): Promise<void> => {
    if (depth >= limits.maxDepth || truncated) return;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (names.length >= limits.maxFiles) {
        truncated = true;
        return;
      }
      if (entry.isDirectory()) await walk(join(dir, entry.name), `${prefix}${entry.name}/`, depth + 1);
      else if ((entry.isFile() || entry.isSymbolicLink()) && entry.name.endsWith(extension)) names.push(`${prefix}${entry.name}`);
    }
  };
  await walk(folder, '', 0);
  return { names, truncated };
}
