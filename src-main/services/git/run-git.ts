import { spawn } from 'node:child_process';

export interface GitResult {
  /** Exit code; -1 when git could not be started at all (missing binary, missing cwd). */
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunGitOptions {
  /** Extra environment on top of the process environment. */
  env?: Record<string, string>;
  /** Kill git after this long; the result then has code -1. */
  timeoutMs?: number;
  /**
   * Read-only calls (status, diff) pass this so git does not take the index lock to refresh
   * stat info, which would collide with writers running in the same repository.
   */
  readOnly?: boolean;
}

/**
 * Runs git with an argument array (never a shell) and resolves with its exit code and
 * output. A non-zero exit is a value, not an exception: callers decide what it means.
 */
export function runGit(cwd: string, args: readonly string[], options: RunGitOptions = {}): Promise<GitResult> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      // Never wait on a credential prompt nobody can see; keep messages parseable.
      GIT_TERMINAL_PROMPT: '0',
      LC_ALL: 'C',
      LANGUAGE: 'C',
      ...(options.readOnly ? { GIT_OPTIONAL_LOCKS: '0' } : {}),
      ...options.env,
    };
    const child = spawn('git', args as string[], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
      timeout: options.timeoutMs,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    let spawnError: Error | undefined;
    child.on('error', (error) => {
      spawnError = error;
    });
    child.on('close', (code, signal) => {
      const stdout = Buffer.concat(out).toString('utf8');
      let stderr = Buffer.concat(err).toString('utf8');
      if (spawnError) stderr = `could not run git in ${cwd}: ${spawnError.message}`;
      else if (signal) stderr = `${stderr}git was stopped (${signal})`;
      resolve({ code: spawnError || code === null ? -1 : code, stdout, stderr });
    });
  });
}

/** The one line of git's stderr worth showing a user, without the `fatal:` noise. */
export function summariseGitError(stderr: string, maxLength = 300): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const important = lines.filter((line) => /^(fatal|error):/i.test(line));
  const chosen = (important.length > 0 ? important : lines)
    .map((line) => line.replace(/^(fatal|error|warning|hint):\s*/i, ''))
    .join('; ');
  const text = chosen || 'git failed without saying why';
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
