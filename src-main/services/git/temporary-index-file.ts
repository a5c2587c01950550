import { copyFile, mkdtemp, rm } from 'node:fs/promises';
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
    if (seedIndex) await copyFile(seedIndex, file).catch(() => undefined);
    return await work({ GIT_INDEX_FILE: file });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
