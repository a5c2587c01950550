import { spawn } from 'node:child_process';
import { gitEnvironment } from '../git/run-git';

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
export function readBlobAt(cwd: string, commit: string, path: Buffer, maxBytes: number): Promise<BlobRead> {
  return new Promise((resolve) => {
    const child = spawn('git', ['cat-file', '--batch', '-z'], {
      cwd,
      env: gitEnvironment({ readOnly: true }),
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    let settled = false;
    const settle = (read: BlobRead) => {
      if (settled) return;
      settled = true;
      resolve(read);
      if (child.exitCode === null) child.kill();
    };
    let buffered: Buffer = Buffer.alloc(0);
    let expected = -1;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (settled) return;
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
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', (error) => settle({ kind: 'failed', message: error.message }));
    child.on('close', () => settle({ kind: 'failed', message: stderr.trim() || 'git cat-file ended early' }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(Buffer.concat([Buffer.from(`${commit}:`), path, Buffer.from([0])]));
  });
}
