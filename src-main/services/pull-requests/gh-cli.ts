import { execFile } from 'node:child_process';

export type GhResult = { started: false } | { started: true; code: number; stdout: string; stderr: string };

export interface GhOptions {
  cwd: string;
  /** The complete environment: `gh` is found on its PATH and reads its login (GH_TOKEN, config) from it. */
  env: Record<string, string | undefined>;
  timeoutMs?: number;
}

/**
 * Runs the GitHub CLI with an argument array (never a shell), without prompts. `started: false`
 * means there is no `gh` to run (not installed, or not on PATH). A user action starts it once
 * or twice, so it is spawned here rather than through the git spawner.
 */
export function runGh(args: readonly string[], options: GhOptions): Promise<GhResult> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.env)) if (value !== undefined) env[name] = value;
  Object.assign(env, { GH_PROMPT_DISABLED: '1', GH_NO_UPDATE_NOTIFIER: '1', NO_COLOR: '1', GIT_TERMINAL_PROMPT: '0' });
  return new Promise((resolve) => {
    execFile('gh', [...args], { cwd: options.cwd, env, timeout: options.timeoutMs ?? 60_000, maxBuffer: 8 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        resolve({ started: false });
        return;
      }
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ started: true, code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}
