import { lstatSync, type Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveUserPath } from './user-path';

export interface PathCompletion {
  entries: { path: string; isRepository: boolean }[];
}

export const maxCompletions = 50;

/**
 * Folder completion for the web-mode path field: the subfolders of the typed path's folder
 * whose names start with the typed remainder. Completions keep the user's own prefix
 * (`~/co` → `~/code`). Unreadable folders simply yield nothing.
 */
export async function completePath(partial: string, home?: string): Promise<PathCompletion> {
  const typed = partial.trim() === '' ? '~/' : partial.trim();
  const cut = Math.max(typed.lastIndexOf('/'), typed.lastIndexOf('\\'));
  // `~` alone means the home folder itself: complete inside it.
  const typedDir = typed === '~' ? '~/' : typed.slice(0, cut + 1);
  const prefix = typed === '~' ? '' : typed.slice(cut + 1);
  const dir = resolveUserPath(typedDir === '' ? '.' : typedDir, home);
  const showHidden = prefix.startsWith('.');
  const lowerPrefix = prefix.toLowerCase();

  let dirents: Dirent[];
  try {
    dirents = await readdir(dir, { withFileTypes: true });
  } catch {
    return { entries: [] };
  }
  const names: string[] = [];
  for (const entry of dirents) {
    if (!showHidden && entry.name.startsWith('.')) continue;
    if (!entry.name.toLowerCase().startsWith(lowerPrefix)) continue;
    if (entry.isDirectory() || (entry.isSymbolicLink() && (await isDirectory(join(dir, entry.name))))) names.push(entry.name);
  }
  names.sort((a, b) => a.localeCompare(b));
  const shownDir = typedDir === '' ? `${dir}/` : typedDir;
  return {
    entries: names.slice(0, maxCompletions).map((name) => ({
      path: shownDir + name,
      isRepository: hasGitEntry(join(dir, name)),
    })),
  };
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

function hasGitEntry(folder: string): boolean {
  try {
    lstatSync(join(folder, '.git'));
    return true;
  } catch {
    return false;
  }
}
