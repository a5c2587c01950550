import { constants, lstatSync, realpathSync } from 'node:fs';
import { copyFile, link, lstat, mkdir, readdir, readlink, realpath, symlink } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { IncludeLinkMode } from '../../../src-shared/contract';
import { isInsideOrEqual } from '../paths/path-containment';
import { WorktreeEntryLocator } from '../paths/worktree-entry';
import type { IncludedEntry } from './included-entries';

export interface BroughtFiles {
  /** Entries brought over (a folder counts once). */
  brought: string[];
  /** What was left out, and why. */
  skipped: { path: string; reason: string }[];
  /** Entries the worktree already had (a Retry brings the rest): kept as they are. */
  kept: number;
}

/**
 * Brings ignored entries of the main checkout into a new worktree: copied (copy-on-write where
 * the file system can), hard-linked (falling back to a copy across file systems) or symlinked
 * (the worktree's entry points at the checkout's, so a folder such as `node_modules` is shared).
 *
 * Confined on both sides. In the checkout nothing is reached through a symbolic link, and a
 * link found there is recreated only when it is relative and stays inside the repository (a link
 * leading out is left out, never followed). In the worktree nothing is written through a link
 * and nothing existing is overwritten: a name whose folder is a link, or that already exists,
 * is kept as it is. Never throws: a file that cannot be brought is a skipped entry. Asynchronous
 * (a `node_modules` takes a while) and stopped between files by `signal`.
 */
export async function bringFiles(root: string, worktree: string, entries: readonly IncludedEntry[], mode: IncludeLinkMode, signal?: AbortSignal): Promise<BroughtFiles> {
  const realRoot = realpathSync(root);
  const from = new WorktreeEntryLocator(realRoot);
  const to = new WorktreeEntryLocator(worktree);
  const result: BroughtFiles = { brought: [], skipped: [], kept: 0 };
  const skip = (path: string, reason: string) => result.skipped.push({ path, reason });

  const bring = async (name: string, topLevel: boolean): Promise<boolean> => {
    if (signal?.aborted) return false;
    const source = from.locate(name);
    if (!source.ok) return (skip(name, source.error.message), false);
    if (!source.data.reachable) return (skip(name, `it is below the symbolic link ${source.data.link.toString('utf8')} in the checkout`), false);
    const target = to.locate(name);
    if (!target.ok) return (skip(name, target.error.message), false);
    if (!target.data.reachable) return (skip(name, `the worktree has a symbolic link at ${target.data.link.toString('utf8')}`), false);
    const sourcePath = source.data.absolute.toString('utf8');
    const targetPath = target.data.absolute.toString('utf8');
    let stats;
    try {
      stats = await lstat(sourcePath);
    } catch (error) {
      return (skip(name, `it cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`), false);
    }
    const existing = lstatSync(targetPath, { throwIfNoEntry: false });
    if (existing && !(existing.isDirectory() && stats.isDirectory() && !(mode === 'symlink' && topLevel))) {
      result.kept++;
      return false;
    }
    try {
      if (stats.isSymbolicLink()) return await recreateLink(name, sourcePath, targetPath);
      if (mode === 'symlink' && topLevel) {
        await mkdir(dirname(targetPath), { recursive: true });
        await symlink(sourcePath, targetPath);
        return true;
      }
      if (stats.isDirectory()) {
        await mkdir(targetPath, { recursive: true });
        let any = false;
        for (const child of (await readdir(sourcePath)).sort()) any = (await bring(`${name}/${child}`, false)) || any;
        return any;
      }
      if (!stats.isFile()) return (skip(name, 'it is not a file, folder or link (a socket or a pipe)'), false);
      await mkdir(dirname(targetPath), { recursive: true });
      if (mode === 'hardlink') {
        try {
          await link(sourcePath, targetPath);
          return true;
        } catch (error) {
          // Another file system (or one without hard links): a copy is what the user gets then.
          if (!['EXDEV', 'EPERM', 'EMLINK', 'ENOTSUP'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
        }
      }
      // EXCL: never overwrite, and never write through a link someone put there meanwhile.
      await copyFile(sourcePath, targetPath, constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE);
      return true;
    } catch (error) {
      return (skip(name, `it could not be brought over (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`), false);
    }
  };

  /** A link in the checkout: recreated as it is when it is relative and stays inside the repository; never followed. */
  const recreateLink = async (name: string, sourcePath: string, targetPath: string): Promise<boolean> => {
    const text = await readlink(sourcePath);
    if (text.startsWith('/')) return (skip(name, `it is a symbolic link to an absolute path (${text}), which is not followed`), false);
    const lexical = resolve(dirname(sourcePath), text);
    let real: string | undefined;
    try {
      real = await realpath(lexical);
    } catch {
      // Dangling: where it would lead is all there is to judge.
    }
    if (!isInsideOrEqual(realRoot, lexical) || (real !== undefined && !isInsideOrEqual(realRoot, real))) {
      return (skip(name, `it is a symbolic link leading out of the repository (${text}), which is not followed`), false);
    }
    await mkdir(dirname(targetPath), { recursive: true });
    await symlink(text, targetPath);
    return true;
  };

  for (const entry of entries) {
    if (await bring(entry.name, true)) result.brought.push(entry.folder ? `${entry.name}/` : entry.name);
  }
  return result;
}
