import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { WorktreeEntryLocator } from '../paths/worktree-entry';
import { readWorktreeEntry } from '../paths/worktree-entry-read';
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
 * Names are located through real folders only (one locator for the listing judges each
 * folder once), so a folder that is a link by now is never entered. (A swap in the
 * microseconds between that check and the open could still leak a line count, never
 * content: the exact check after opening would double the cost of the listing.)
 */
export async function describeUntrackedFiles(root: string, names: readonly Buffer[], limits: DiffLimits): Promise<DiffFile[]> {
  const locator = new WorktreeEntryLocator(root);
  const files: DiffFile[] = [];
  let filesInSlice = 0;
  let bytesInSlice = 0;
  for (const name of names) {
    const { file, bytesRead } = describeUntracked(locator, name, limits);
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
 * sized but never read beyond the first bytes; a nested repository (`name/`) is listed as
 * is, and so is a file that cannot be read (it may be gone by the next refresh).
 */
function describeUntracked(locator: WorktreeEntryLocator, name: Buffer, limits: DiffLimits): { file: DiffFile; bytesRead: number } {
  const file: DiffFile = { ...toDiffPath(name), status: 'untracked', additions: 0, deletions: 0, binary: false };
  const entry = locator.locate(name);
  // Only counts come out of this read, so no check after opening (see readWorktreeEntry).
  const bytesToRead = (size: number) => (size > limits.maxBytes ? binarySniffBytes : size);
  const read = entry.ok ? readWorktreeEntry(entry.data, { bytesToRead, recheck: false }) : entry;
  // Missing: deleted between the listing and now, and the next refresh drops it.
  if (!read.ok || read.data.kind === 'missing' || read.data.kind === 'other') return { file, bytesRead: 0 };
  if (read.data.kind === 'link') {
    file.sizeBytes = read.data.target.length;
    file.newMode = '120000';
    file.additions = 1;
    return { file, bytesRead: 0 };
  }
  const { size, executable, content } = read.data;
  file.sizeBytes = size;
  file.newMode = executable ? '100755' : '100644';
  const tooLarge = size > limits.maxBytes;
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
