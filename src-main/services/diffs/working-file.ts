import { lstat, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';

export type WorkingFileRead =
  | { kind: 'missing' }
  | { kind: 'tooLarge'; bytes: number }
  /** A regular file's bytes, or a symlink's target (what git stores for a link). */
  | { kind: 'content'; content: Buffer; mode: string }
  /** A directory where git expects a file: a submodule or nested repository. */
  | { kind: 'other' };

/** Reads one working-tree file by its raw name, without loading it when it is over `maxBytes`. */
export async function readWorkingFile(root: string, name: Buffer, maxBytes: number): Promise<WorkingFileRead> {
  const fullPath = Buffer.concat([Buffer.from(`${join(root, '.')}/`), name]);
  try {
    const stats = await lstat(fullPath);
    if (stats.isSymbolicLink()) return { kind: 'content', content: await readlink(fullPath, { encoding: 'buffer' }), mode: '120000' };
    if (!stats.isFile()) return { kind: 'other' };
    if (stats.size > maxBytes) return { kind: 'tooLarge', bytes: stats.size };
    return { kind: 'content', content: await readFile(fullPath), mode: stats.mode & 0o111 ? '100755' : '100644' };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return { kind: 'missing' };
    throw error;
  }
}
