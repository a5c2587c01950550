import { copyFile, mkdtemp, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs `work` with a private index file (`GIT_INDEX_FILE`) in a temp folder, optionally
 * seeded with a copy of an existing index (its stat cache makes `add -A` cheap). Nobody's
 * real index is read-locked or written, so the user's and the agent's git keep working.
 */
export async function withTempIndex<T>(work: (env: { GIT_INDEX_FILE: string }) => Promise<T>, seedIndex?: string): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'braid-index-'));
  const file = join(dir, 'index');
  try {
    if (seedIndex) await copySeed(seedIndex, file);
    return await work({ GIT_INDEX_FILE: file });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The copy keeps the original's modification time. Git trusts an entry's cached stat only
 * when the file was last modified before the index was written ("racy git"): a copy stamped
 * "now" would make a same-size edit from the same second as the checkout look unchanged.
 */
async function copySeed(seedIndex: string, file: string): Promise<void> {
  try {
    const original = await stat(seedIndex);
    await copyFile(seedIndex, file);
    await utimes(file, original.atime, original.mtime);
  } catch {
    // No index yet (or unreadable): the caller builds one from HEAD.
  }
}
