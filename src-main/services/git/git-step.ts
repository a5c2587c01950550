import { runGitBytes, summariseGitError, type RunGitBytesOptions as GitBytesOptions } from './run-git';

/**
 * A plumbing command that failed where it should not (a corrupt object, a missing identity
 * for commit-tree, a full disk). Thrown inside a step (a merge, a snapshot, the radar) and
 * turned into a `GIT_FAILED` value at the service boundary, so the steps read as a straight line.
 */
export class GitStepError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly stderr: string,
  ) {
    super(`git ${args[0] ?? ''}: ${summariseGitError(stderr)}`);
  }
}

/** Runs a plumbing command that must succeed; returns its stdout as text, trimmed. */
export async function gitText(cwd: string, args: readonly string[], options: GitBytesOptions = {}): Promise<string> {
  const result = await runGitBytes(cwd, args, options);
  if (result.code !== 0) throw new GitStepError(args, result.stderr);
  return result.stdout.toString('utf8').trim();
}

/** Like `gitText`, but git's output is raw bytes (blob contents). */
export async function gitBytes(cwd: string, args: readonly string[], options: GitBytesOptions = {}): Promise<Buffer> {
  const result = await runGitBytes(cwd, args, options);
  if (result.code !== 0) throw new GitStepError(args, result.stderr);
  return result.stdout;
}

/** The object a revision names, or null when it does not exist. */
export async function tryRevParse(cwd: string, revision: string): Promise<string | null> {
  const result = await runGitBytes(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', revision]);
  return result.code === 0 ? result.stdout.toString('utf8').trim() || null : null;
}

export const treeOf = (cwd: string, commit: string): Promise<string> => gitText(cwd, ['rev-parse', '--verify', `${commit}^{tree}`]);

export async function isAncestor(cwd: string, ancestor: string, descendant: string): Promise<boolean> {
  const result = await runGitBytes(cwd, ['merge-base', '--is-ancestor', ancestor, descendant]);
  if (result.code > 1 || result.code < 0) throw new GitStepError(['merge-base'], result.stderr);
  return result.code === 0;
}

/** Git's NUL-separated output as fields, without the empty one after the last NUL. */
export function splitNul(text: string): string[] {
  const fields = text.split('\0');
  if (fields.at(-1) === '') fields.pop();
  return fields;
}

export interface BranchTip {
  commit: string;
  tree: string;
}

/** Several local branches' commits and trees in one git call; a missing branch is simply absent. */
export async function readBranchTips(cwd: string, refs: readonly string[]): Promise<Map<string, BranchTip>> {
  const output = await gitText(cwd, ['for-each-ref', '--format=%(refname)%00%(objectname)%00%(tree)', ...refs]);
  const tips = new Map<string, BranchTip>();
  for (const line of output.split('\n')) {
    const [ref = '', commit = '', tree = ''] = line.split('\0');
    // for-each-ref matches prefixes too (refs/heads/a matches refs/heads/a/b): keep exact names only.
    if (refs.includes(ref) && commit) tips.set(ref, { commit, tree });
  }
  return tips;
}
