import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InsecureSecretFileError } from './secret-store';

const ownerOnlyFile = 0o600;
const ownerOnlyFolder = 0o700;
// POSIX permission bits mean nothing useful on Windows; the user profile's ACLs protect it there.
const checksModes = process.platform !== 'win32';

/**
 * Reads a file that must be private to the user: `null` when it does not exist, and an
 * `InsecureSecretFileError` when group or others may read or write it. The mode is checked on
 * the open handle, so a file swapped in between the check and the read is still caught.
 */
export async function readPrivateFile(file: string): Promise<Buffer | null> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const stats = await handle.stat();
    if (checksModes && (stats.mode & 0o077) !== 0) throw new InsecureSecretFileError(file, stats.mode);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/**
 * Replaces `file` atomically: a private temp file in the same folder is written, flushed and
 * renamed over it, so a crash leaves either the old or the new content, never half of one,
 * and the secret is never readable by others, not even for a moment.
 */
export async function writePrivateFileAtomic(file: string, data: string | Buffer): Promise<void> {
  const folder = dirname(file);
  await mkdir(folder, { recursive: true, mode: ownerOnlyFolder });
  const temp = join(folder, `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', ownerOnlyFile);
  let renamed = false;
  try {
    // A umask can only clear bits, but an inherited ACL or odd umask must not widen them.
    if (checksModes) await handle.chmod(ownerOnlyFile);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    await rename(temp, file);
    renamed = true;
  } finally {
    if (!renamed) {
      await handle.close().catch(() => undefined);
      await unlink(temp).catch(() => undefined);
    }
  }
}
