import { existsSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import { listWorktrees } from '../git/worktrees';
import { runGit } from '../git/run-git';
import { splitNul } from '../git/git-step';

export interface BranchCheckout {
  path: string;
  isMain: boolean;
}

/** The checkout (main or linked worktree) that has `branch` checked out, if any. */
export async function findBranchCheckout(repo: string, branch: string): Promise<BranchCheckout | null> {
  const worktrees = (await listWorktrees(repo)) ?? [];
  const entry = worktrees.find((worktree) => worktree.branch === branch && !worktree.prunable && existsSync(worktree.path));
  return entry ? { path: entry.path, isMain: entry.isMain } : null;
}

export interface TouchedPath {
  path: string;
  /** The merge creates the path, so anything already on disk there would be overwritten. */
  created: boolean;
}

export interface CheckoutBlock {
  /** Local files the merge would overwrite, with what is going on there. */
  files: { path: string; status: string }[];
  /** A merge, rebase, cherry-pick or revert in progress in that checkout. */
  operation: string | null;
}

const operationMarkers: [string, string][] = [
  ['MERGE_HEAD', 'a merge'],
  ['rebase-merge', 'a rebase'],
  ['rebase-apply', 'a rebase'],
  ['CHERRY_PICK_HEAD', 'a cherry-pick'],
  ['REVERT_HEAD', 'a revert'],
];

async function findOperationInProgress(checkout: string): Promise<string | null> {
  const paths = operationMarkers.flatMap(([marker]) => ['--git-path', marker]);
  const result = await runGit(checkout, ['rev-parse', '--path-format=absolute', ...paths], { readOnly: true });
  if (result.code !== 0) return null;
  const found = result.stdout.split('\n').findIndex((path) => path !== '' && existsSync(path));
  return found === -1 ? null : (operationMarkers[found]?.[1] ?? null);
}

/** True when one path is the other, or a folder holding it. */
export function pathsCollide(a: string, b: string): boolean {
  const x = a.replace(/\/$/, '');
  const y = b.replace(/\/$/, '');
  return x === y || x.startsWith(`${y}/`) || y.startsWith(`${x}/`);
}

/**
 * What in the user's checkout a merge touching `touched` would overwrite: staged or unstaged
 * changes and untracked files at (or under, or above) those paths, and ignored files where
 * the merge creates a file (`read-tree -u` overwrites ignored files silently). Null when safe.
 */
export async function findCheckoutBlock(checkout: string, touched: readonly TouchedPath[]): Promise<CheckoutBlock | null> {
  if (touched.length === 0) return null;
  const operation = await findOperationInProgress(checkout);
  if (operation) return { files: [], operation };
  const status = await runGit(checkout, ['status', '--porcelain=v1', '-z', '--untracked-files=normal', '--no-renames'], { readOnly: true });
  if (status.code !== 0) return { files: [{ path: '.', status: 'unreadable' }], operation: null };
  const dirty = splitNul(status.stdout).map((field) => ({ status: field.slice(0, 2).trim(), path: field.slice(3) }));
  const files = new Map<string, string>();
  for (const entry of dirty) {
    if (touched.some((item) => pathsCollide(item.path, entry.path))) files.set(entry.path, entry.status);
  }
  for (const item of touched) {
    if (item.created && !files.has(item.path) && occupied(checkout, item.path)) files.set(item.path, 'exists');
  }
  if (files.size === 0) return null;
  return { files: [...files].map(([path, status]) => ({ path, status })), operation: null };
}

/** Something (an ignored file, a folder, a file where a folder should be) sits at `path`. */
function occupied(root: string, path: string): boolean {
  const parts = path.split('/');
  for (let depth = 1; depth <= parts.length; depth++) {
    try {
      const stat = lstatSync(join(root, ...parts.slice(0, depth)));
      if (depth === parts.length || !stat.isDirectory()) return true;
    } catch {
      return false;
    }
  }
  return false;
}

/**
 * Brings the checkout's index and files from `oldCommit` to `newCommit` after its branch ref
 * moved: a two-way `read-tree -m -u`, which only rewrites paths that differ between the two,
 * keeps local changes elsewhere, and refuses (changing nothing) when a changed path is dirty.
 */
export async function updateCheckout(checkout: string, oldCommit: string, newCommit: string): Promise<{ ok: boolean; message: string }> {
  const result = await runGit(checkout, ['read-tree', '-m', '-u', oldCommit, newCommit]);
  return { ok: result.code === 0, message: result.stderr };
}

export async function checkoutBranchRef(checkout: string): Promise<string | null> {
  const result = await runGit(checkout, ['symbolic-ref', '-q', 'HEAD'], { readOnly: true });
  return result.code === 0 ? result.stdout.trim() : null;
}
