import { spawn } from 'node:child_process';

/**
 * `runGit` (../git/run-git.ts) decodes output as UTF-8, which loses file names that are not
 * valid UTF-8. Diffs need the raw bytes, and sometimes a stdin, so this variant keeps stdout
 * as a Buffer. Same environment rules: no prompts, C locale, no optional locks when reading.
 */
export interface GitBytesResult {
  /** Exit code; -1 when git could not start (missing binary or cwd) or was killed. */
  code: number;
  stdout: Buffer;
  stderr: string;
}

export interface GitBytesOptions {
  /** Written to git's stdin, which is then closed. */
  input?: Buffer;
  /** Read-only calls skip the index lock (`GIT_OPTIONAL_LOCKS=0`). Default true: diffs only read. */
  readOnly?: boolean;
  timeoutMs?: number;
  /** Sees output as it arrives, for callers that start work before git has finished. */
  onStdout?(chunk: Buffer): void;
}

export function runGitBytes(cwd: string, args: readonly string[], options: GitBytesOptions = {}): Promise<GitBytesResult> {
  return new Promise((resolve) => {
    const child = spawn('git', args as string[], {
      cwd,
      env: gitEnvironment(options.readOnly ?? true),
      stdio: [options.input ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      windowsHide: true,
      timeout: options.timeoutMs,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (chunk: Buffer) => {
      out.push(chunk);
      options.onStdout?.(chunk);
    });
    child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
    if (options.input && child.stdin) {
      // git may exit before reading everything (e.g. a bad revision): that is not our error.
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.input);
    }
    let spawnError: Error | undefined;
    child.on('error', (error) => {
      spawnError = error;
    });
    child.on('close', (code) => {
      const stderr = spawnError ? `could not run git in ${cwd}: ${spawnError.message}` : Buffer.concat(err).toString('utf8');
      resolve({ code: spawnError || code === null ? -1 : code, stdout: Buffer.concat(out), stderr });
    });
  });
}

export function gitEnvironment(readOnly: boolean): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_TERMINAL_PROMPT: '0',
    LC_ALL: 'C',
    LANGUAGE: 'C',
    ...(readOnly ? { GIT_OPTIONAL_LOCKS: '0' } : {}),
  };
}

/**
 * Options every diff call passes: raw names (no octal quoting), and none of the user's diff
 * tools or text conversions, which would change counts and slow everything down.
 */
export const plainDiffConfig = ['-c', 'core.quotePath=false', '-c', 'diff.noprefix=false', '-c', 'diff.mnemonicPrefix=false'];
export const plainDiffFlags = ['--no-ext-diff', '--no-textconv', '--no-color', '--no-relative'];
