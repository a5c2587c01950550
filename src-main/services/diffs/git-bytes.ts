import { runGitBytes as runGitBytesShared, type GitBytesResult, type RunGitBytesOptions } from '../git/run-git';

export type { GitBytesResult };
export type GitBytesOptions = RunGitBytesOptions;

/**
 * Git for diffs: `runGitBytes` from ../git/run-git.ts (raw bytes, since names need not be
 * UTF-8), read-only by default because diffs never write.
 */
export function runGitBytes(cwd: string, args: readonly string[], options: GitBytesOptions = {}): Promise<GitBytesResult> {
  return runGitBytesShared(cwd, args, { readOnly: true, ...options });
}

/**
 * Options every diff call passes: raw names (no octal quoting), and none of the user's diff
 * tools or text conversions, which would change counts and slow everything down.
 */
export const plainDiffConfig = ['-c', 'core.quotePath=false', '-c', 'diff.noprefix=false', '-c', 'diff.mnemonicPrefix=false'];
export const plainDiffFlags = ['--no-ext-diff', '--no-textconv', '--no-color', '--no-relative'];
