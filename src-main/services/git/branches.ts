import { readCurrentBranchSync } from './head-file';
import { runGit } from './run-git';

export interface ResolvedBranch {
  /** The full ref, e.g. `refs/heads/main` or `refs/remotes/origin/main`. */
  ref: string;
  /** The commit it points at now. */
  commit: string;
}

/**
 * Resolves a branch name a user chose as a base: a local branch first, then a
 * remote-tracking one (`origin/main`). Null when neither exists.
 */
export async function resolveBranch(repoPath: string, name: string): Promise<ResolvedBranch | null> {
  for (const ref of [`refs/heads/${name}`, `refs/remotes/${name}`]) {
    const result = await runGit(repoPath, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { readOnly: true });
    if (result.code === 0) return { ref, commit: result.stdout.trim() };
  }
  return null;
}

export async function localBranchExists(repoPath: string, name: string): Promise<boolean> {
  const result = await runGit(repoPath, ['show-ref', '--verify', '--quiet', `refs/heads/${name}`], { readOnly: true });
  return result.code === 0;
}

/** The current branch, asking git only when the HEAD file cannot tell (e.g. reftable). */
export async function currentBranch(repoPath: string): Promise<string | null> {
  const fromFile = readCurrentBranchSync(repoPath);
  if (fromFile) return fromFile;
  const result = await runGit(repoPath, ['symbolic-ref', '--quiet', '--short', 'HEAD'], { readOnly: true });
  return result.code === 0 ? result.stdout.trim() || null : null;
}

export interface BranchOverview {
  current: string | null;
  default: string | null;
  local: string[];
}

/**
 * Local branches plus the repository's default branch: the remote's HEAD when known, else
 * `init.defaultBranch` if that branch exists, else main/master, else the current branch.
 */
export async function readBranchOverview(repoPath: string): Promise<BranchOverview> {
  const [refs, config, current] = await Promise.all([
    runGit(repoPath, ['for-each-ref', '--format=%(refname)%00%(symref)', 'refs/heads', 'refs/remotes/origin/HEAD'], {
      readOnly: true,
    }),
    runGit(repoPath, ['config', '--get', 'init.defaultBranch'], { readOnly: true }),
    currentBranch(repoPath),
  ]);
  const local: string[] = [];
  let originHead: string | null = null;
  for (const line of refs.stdout.split('\n')) {
    const [ref, symref] = line.split('\0');
    if (!ref) continue;
    if (ref === 'refs/remotes/origin/HEAD') originHead = symref?.replace(/^refs\/remotes\//, '') || null;
    else if (ref.startsWith('refs/heads/')) local.push(ref.slice('refs/heads/'.length));
  }
  local.sort((a, b) => a.localeCompare(b));
  return { current, default: pickDefaultBranch({ local, originHead, configured: config.stdout.trim(), current }), local };
}

function pickDefaultBranch(input: {
  local: string[];
  originHead: string | null;
  configured: string;
  current: string | null;
}): string | null {
  const has = (name: string) => input.local.includes(name);
  if (input.originHead) {
    // Prefer the local branch of the same name: that is what a task would branch from.
    const name = input.originHead.replace(/^origin\//, '');
    return has(name) ? name : input.originHead;
  }
  if (input.configured && has(input.configured)) return input.configured;
  if (has('main')) return 'main';
  if (has('master')) return 'master';
  return input.current;
}
