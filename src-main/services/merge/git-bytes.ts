import { spawn } from 'node:child_process';

export interface GitBytesResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

export interface GitBytesOptions {
  /** Written to git's stdin (then closed). */
  input?: Buffer | string;
  env?: Record<string, string>;
}

/**
 * Like `runGit`, but for plumbing that reads stdin or writes raw bytes (`hash-object --stdin`,
 * `cat-file blob`, `update-index -z --index-info`): file contents are not always UTF-8, and
 * decoding them would corrupt what a user merges.
 */
export function runGitBytes(cwd: string, args: readonly string[], options: GitBytesOptions = {}): Promise<GitBytesResult> {
  return new Promise((resolve) => {
    const child = spawn('git', args as string[], {
      cwd,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', LANGUAGE: 'C', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    let spawnError: Error | undefined;
    child.on('error', (error) => {
      spawnError = error;
    });
    // A git that exits early closes its stdin; the EPIPE is reported through the exit code.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
    child.on('close', (code) => {
      const stderr = spawnError ? `could not run git in ${cwd}: ${spawnError.message}` : Buffer.concat(err).toString('utf8');
      resolve({ code: spawnError || code === null ? -1 : code, stdout: Buffer.concat(out), stderr });
    });
  });
}
