import { closeSync, lstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { DiffFile, DiffLimits } from './diff-types';
import { runGitBytes } from './git-bytes';
import { splitNul } from './raw-numstat-parser';
import { toDiffPath } from './path-bytes';

/** Git's own rule: a NUL byte in the first 8,000 bytes makes a file binary. */
export const binarySniffBytes = 8000;

/** Untracked, not ignored files (`git ls-files --others --exclude-standard -z`), raw names. */
export async function listUntrackedNames(cwd: string): Promise<{ ok: true; names: Buffer[] } | { ok: false; stderr: string }> {
  const result = await runGitBytes(cwd, ['-c', 'core.quotePath=false', 'ls-files', '--others', '--exclude-standard', '-z']);
  if (result.code !== 0) return { ok: false, stderr: result.stderr };
  return { ok: true, names: splitNul(result.stdout) };
}

/** Work done between two yields to the event loop while describing untracked files. */
const sliceFiles = 64;
const sliceBytes = 4 * 1024 * 1024;

/**
 * Describes untracked files with synchronous reads in short slices, yielding to the event
 * loop between them: for thousands of small files that costs a fraction of the CPU of one
 * thread-pool round trip per call, and no slice holds the loop for more than about a ms.
 */
export async function describeUntrackedFiles(root: string, names: readonly Buffer[], limits: DiffLimits): Promise<DiffFile[]> {
  const prefix = Buffer.from(`${join(root, '.')}/`);
  const files: DiffFile[] = [];
  let filesInSlice = 0;
  let bytesInSlice = 0;
  for (const name of names) {
    const { file, bytesRead } = describeUntracked(prefix, name, limits);
    files.push(file);
    bytesInSlice += bytesRead;
    if (++filesInSlice >= sliceFiles || bytesInSlice >= sliceBytes) {
      filesInSlice = bytesInSlice = 0;
      await yieldToEventLoop();
    }
  }
  return files;
}

/**
 * An untracked file as a list entry: every line counts as an addition. Large files are
 * sized but never read beyond the first bytes; a nested repository (`name/`) is listed as is.
 */
function describeUntracked(prefix: Buffer, name: Buffer, limits: DiffLimits): { file: DiffFile; bytesRead: number } {
  const file: DiffFile = { ...toDiffPath(name), status: 'untracked', additions: 0, deletions: 0, binary: false };
  const fullPath = Buffer.concat([prefix, name]);
  const stats = lstatSync(fullPath, { throwIfNoEntry: false });
  // Missing: deleted between the listing and now, and the next refresh drops it.
  if (!stats) return { file, bytesRead: 0 };
  if (stats.isSymbolicLink()) {
    file.sizeBytes = stats.size;
    file.newMode = '120000';
    file.additions = 1;
    return { file, bytesRead: 0 };
  }
  if (!stats.isFile()) return { file, bytesRead: 0 };
  file.sizeBytes = stats.size;
  file.newMode = stats.mode & 0o111 ? '100755' : '100644';
  const tooLarge = stats.size > limits.maxBytes;
  const content = readStart(fullPath, tooLarge ? binarySniffBytes : stats.size);
  if (content === null) return { file, bytesRead: 0 };
  if (content.subarray(0, binarySniffBytes).includes(0)) file.binary = true;
  else if (tooLarge) file.tooLarge = true;
  else {
    file.additions = countLines(content);
    if (file.additions > limits.maxLines) file.tooLarge = true;
  }
  return { file, bytesRead: content.length };
}

/** Lines as git counts them: a last line without a newline still counts. */
export function countLines(content: Buffer): number {
  if (content.length === 0) return 0;
  let count = 0;
  let index = content.indexOf(10);
  while (index !== -1) {
    count++;
    index = content.indexOf(10, index + 1);
  }
  return content[content.length - 1] === 10 ? count : count + 1;
}

function readStart(path: Buffer, length: number): Buffer | null {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buffer = Buffer.allocUnsafe(length);
    let filled = 0;
    while (filled < length) {
      const bytesRead = readSync(fd, buffer, filled, length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

