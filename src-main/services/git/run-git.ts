import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { gitSpawner } from './git-spawner';

export interface GitResult {
  /** Exit code; -1 when git could not be started at all (missing binary, missing cwd). */
  code: number;
  stdout: string;
  stderr: string;
}

/** The same, with stdout as raw bytes: file names and contents are not always UTF-8. */
export interface GitBytesResult {
  code: number;
  stdout: Buffer;
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

export interface RunGitBytesOptions extends RunGitOptions {
  /** Written to git's stdin, which is then closed. */
  input?: Buffer | string;
  /** Sees output as it arrives, for callers that start work before git has finished. */
  onStdout?(chunk: Buffer): void;
  /** Stops git (SIGTERM) when it fires, e.g. once enough output arrived; the result then has code -1. */
  signal?: AbortSignal;
}

/**
 * What every git call sets on top of the host's environment: no prompts nobody can see,
 * parseable messages, and an e-mail git falls back to when the user configured none. Git reads
 * `EMAIL` only after `user.email` from any config file, so a configured identity always wins;
 * without it, every commit Braid makes for a user who never ran `git config user.email` fails on
 * a machine whose host name has no domain ("unable to auto-detect email address").
 */
export function gitEnvironmentOverrides(options: Pick<RunGitOptions, 'env' | 'readOnly'> = {}): Record<string, string> {
  return {
    ...gitIdentityFallback(),
    GIT_TERMINAL_PROMPT: '0',
    LC_ALL: 'C',
    LANGUAGE: 'C',
    ...(options.readOnly ? { GIT_OPTIONAL_LOCKS: '0' } : {}),
    ...options.env,
  };
}

const fallbackEmail = `${safeUserName()}@localhost`;

/**
 * `EMAIL` for git to fall back on (see `gitEnvironmentOverrides`); the agent's commands get it too, so an
 * agent's `git commit` works on the same machines Braid's own commits do.
 */
export function gitIdentityFallback(): { EMAIL: string } {
  return { EMAIL: process.env.EMAIL || fallbackEmail };
}

function safeUserName(): string {
  try {
    return userInfo().username.replace(/[^\w.-]/g, '') || 'braid';
  } catch {
    return 'braid';
  }
}

/**
 * Runs git with an argument array (never a shell) and resolves with its exit code and
 * output. A non-zero exit is a value, not an exception: callers decide what it means.
 */
export async function runGit(cwd: string, args: readonly string[], options: RunGitOptions = {}): Promise<GitResult> {
  const result = await runGitBytes(cwd, args, options);
  return { ...result, stdout: result.stdout.toString('utf8') };
}

/**
 * `runGit` keeping stdout as bytes, with an optional stdin (plumbing, raw names, blobs).
 *
 * Git is started by the git spawner's helper process (git-spawner.ts), not here: a fork of
 * the host would block its event loop for as long as the copy takes, on every call.
 */
export async function runGitBytes(cwd: string, args: readonly string[], options: RunGitBytesOptions = {}): Promise<GitBytesResult> {
  const outcome = await gitSpawner.run({
    args,
    cwd: resolve(cwd),
    env: gitEnvironmentOverrides(options),
    ...(options.input === undefined ? {} : { input: options.input }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.onStdout ? { onStdout: options.onStdout } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  let stderr = outcome.stderr.toString('utf8');
  if (outcome.spawnError !== undefined) stderr = `could not run git in ${cwd}: ${outcome.spawnError}`;
  else if (outcome.helperEnded) stderr = `${stderr}git was stopped (the process that runs git for Braid ended)`;
  else if (outcome.signal) stderr = `${stderr}git was stopped (${outcome.signal})`;
  const failed = outcome.spawnError !== undefined || outcome.code === null;
  return { code: failed ? -1 : (outcome.code as number), stdout: outcome.stdout, stderr };
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
