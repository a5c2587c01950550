import { runGitBytes } from './git-bytes';

export type BlobRead =
  | { kind: 'missing' }
  | { kind: 'tooLarge'; bytes: number }
  | { kind: 'blob'; content: Buffer }
  /** A submodule (gitlink) or anything else that is not file content. */
  | { kind: 'other'; type: string }
  | { kind: 'failed'; message: string };

/**
 * Reads `<commit>:<path>` from git's object store with one `cat-file --batch` process. The
 * name travels on stdin as raw bytes, so names that are not UTF-8 work; git announces the
 * size first, and a blob over `maxBytes` is never read: the process is stopped there.
 */
export async function readBlobAt(cwd: string, commit: string, path: Buffer, maxBytes: number): Promise<BlobRead> {
  const stop = new AbortController();
  let read: BlobRead | undefined;
  const settle = (outcome: BlobRead) => {
    read ??= outcome;
    stop.abort();
  };
  let buffered: Buffer = Buffer.alloc(0);
  let expected = -1;
  const result = await runGitBytes(cwd, ['cat-file', '--batch', '-z'], {
    input: Buffer.concat([Buffer.from(`${commit}:`), path, Buffer.from([0])]),
    signal: stop.signal,
    onStdout: (chunk) => {
      if (read) return;
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      if (expected === -1) {
        const newline = buffered.indexOf(10);
        if (newline === -1) return;
        const header = buffered.subarray(0, newline).toString('utf8');
        buffered = buffered.subarray(newline + 1);
        if (header.endsWith(' missing') || header.endsWith(' ambiguous')) return settle({ kind: 'missing' });
        const [, type, size] = header.split(' ');
        if (type !== 'blob') return settle({ kind: 'other', type: type ?? 'unknown' });
        expected = Number(size);
        if (expected > maxBytes) return settle({ kind: 'tooLarge', bytes: expected });
      }
      if (buffered.length >= expected) settle({ kind: 'blob', content: buffered.subarray(0, expected) });
    },
  });
  if (read) return read;
  return { kind: 'failed', message: result.stderr.trim() || 'git cat-file ended early' };
}
