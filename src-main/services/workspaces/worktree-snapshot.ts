import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { MergePreviewView } from '../../../src-shared/contract';
import { gitText, splitNul } from '../git/git-step';
import { withTempIndex } from '../git/temporary-index-file';

/** An uncommitted file as the merge preview lists it: A (added, untracked included), M, D or T, against the workspace's HEAD. */
export type UncommittedChange = MergePreviewView['uncommitted'][number];

export interface WorkspaceSnapshot {
  /** The commit the workspace folder has checked out. */
  head: string;
  /** Symbolic HEAD (`refs/heads/…`), null when detached. */
  headRef: string | null;
  headTree: string;
  /** Everything in the folder as git would commit it with `add -A` (ignored files excluded). */
  tree: string;
  uncommitted: UncommittedChange[];
}

/**
 * The workspace's files as a tree, staged, unstaged and untracked changes included, built in
 * a private copy of its index: the workspace's own index (and an agent using it) is not touched.
 */
export async function snapshotWorkspace(folder: string, options: { listUncommitted?: boolean } = {}): Promise<WorkspaceSnapshot | null> {
  // Without its .git file git would walk up and answer for some other repository.
  if (!existsSync(join(folder, '.git'))) return null;
  // One git call for HEAD, its tree, its branch ("HEAD" when detached) and the index file.
  const [head = '', headTree = '', headName = '', indexPath = ''] = (
    await gitText(folder, ['rev-parse', 'HEAD^{commit}', 'HEAD^{tree}', '--symbolic-full-name', 'HEAD', '--path-format=absolute', '--git-path', 'index'])
  ).split('\n');
  const headRef = headName.startsWith('refs/') ? headName : null;
  const tree = await withTempIndex(async (env) => {
    // A copied index may be missing or stale; read-tree first only when there is none.
    if (!existsSync(env.GIT_INDEX_FILE)) await gitText(folder, ['read-tree', head], { env });
    await gitText(folder, ['add', '-A', '--', ':/'], { env });
    return gitText(folder, ['write-tree'], { env });
  }, indexPath);
  const uncommitted: UncommittedChange[] = [];
  // Callers that only need the tree (the radar) skip naming the changed files.
  if (tree !== headTree && options.listUncommitted !== false) {
    const fields = splitNul(await gitText(folder, ['diff-tree', '-r', '-z', '--no-renames', '--name-status', headTree, tree]));
    for (let i = 0; i + 1 < fields.length; i += 2) uncommitted.push({ status: fields[i] ?? '', path: fields[i + 1] ?? '' });
  }
  return { head, headRef, headTree, tree, uncommitted };
}
