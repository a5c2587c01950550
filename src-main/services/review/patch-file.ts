import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `git apply` reads its patch from a file (our git runner has no stdin); this one is private and short-lived. */
export async function withPatchFile<T>(patch: string, work: (file: string) => Promise<T>): Promise<T> {
  const folder = await mkdtemp(join(tmpdir(), 'braid-patch-'));
  try {
    const file = join(folder, 'hunk.patch');
    await writeFile(file, patch, 'utf8');
    return await work(file);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
