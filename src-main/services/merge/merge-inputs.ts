import { fail, ok, type Result } from '../../../src-shared/contract';
import { listFileChanges, type FileChange } from './file-changes';
import { mergeBaseOf } from '../diffs/merge-base';
import { gitText, readBranchTips, treeOf } from '../git/git-step';
import { takesUncommitted, type MergeExpectation, type MergeOptions, type MergeProject, type MergeWorkspace } from './merge-types';
import { commitOfUncommitted } from './uncommitted-commit';
import { snapshotWorkspace, type WorkspaceSnapshot } from '../workspaces/worktree-snapshot';

export interface CommitInRange {
  sha: string;
  parents: string[];
  subject: string;
}

/** Everything a merge is computed from, read once; the merge refuses to land if any of it moved. */
export interface MergeInputs {
  repo: string;
  project: MergeProject;
  workspace: MergeWorkspace;
  options: MergeOptions;
  targetRef: string;
  targetCommit: string;
  targetTree: string;
  /** The workspace branch's commit. */
  workspaceHead: string;
  snapshot: WorkspaceSnapshot | null;
  /** The commit being merged: the workspace head, or a commit of its uncommitted changes on top. */
  theirs: string;
  /** That commit of uncommitted changes (moved onto the workspace branch when the merge lands). */
  workspaceCommit: string | null;
  /** The uncommitted files the merge leaves in the workspace (`includeUncommitted: false`). */
  leftOut: number;
  mergeBase: string;
  commits: CommitInRange[];
  /** The workspace's own changes (merge base → theirs), read only for a selective merge. */
  workspaceChanges: FileChange[] | null;
  /** Chosen paths, renames expanded to both sides; null for a whole merge. */
  selection: string[] | null;
}

/**
 * Resolves the target branch and the workspace, snapshots uncommitted changes and lists the
 * commits in play. Writes nothing but loose objects (the snapshot commit). `expected` pins
 * what a preview showed (MERGE_OUTDATED when any of it moved); its `uncommittedCommit` is
 * reused as the snapshot commit (see `commitOfUncommitted`). `onto` builds on that commit
 * instead of the target's tip (the merge queue testing an entry on top of the one ahead of it):
 * landing then expects the target to have moved there first.
 */
export async function gatherMergeInputs(
  project: MergeProject,
  workspace: MergeWorkspace,
  options: MergeOptions,
  expected: MergeExpectation = {},
  onto?: string,
): Promise<Result<MergeInputs>> {
  const repo = project.path;
  const targetRef = `refs/heads/${workspace.baseBranch}`;
  const workspaceRef = `refs/heads/${workspace.branch}`;
  const [tips, snapshot, ontoTree] = await Promise.all([
    readBranchTips(repo, [targetRef, workspaceRef]),
    snapshotWorkspace(workspace.path),
    onto ? treeOf(repo, onto) : Promise.resolve(null),
  ]);
  const targetCommit = onto ?? tips.get(targetRef)?.commit;
  const targetTree = ontoTree ?? tips.get(targetRef)?.tree ?? '';
  const workspaceHead = tips.get(workspaceRef)?.commit;
  if (!tips.get(targetRef) || !targetCommit) {
    return fail('BRANCH_NOT_FOUND', `The base branch "${workspace.baseBranch}" is not a local branch of this repository, so there is nothing to merge into.`);
  }
  if (!workspaceHead) return fail('BRANCH_NOT_FOUND', `The workspace branch "${workspace.branch}" does not exist any more.`);
  if (expected.targetCommit && expected.targetCommit !== targetCommit) return outdatedPreview('target');
  if (expected.workspaceHead && expected.workspaceHead !== workspaceHead) return outdatedPreview('workspace');
  const pinned = expected.uncommittedCommit;
  let theirs = workspaceHead;
  let workspaceCommit: string | null = null;
  const uncommitted = snapshot?.uncommitted.length ?? 0;
  if (snapshot && uncommitted > 0 && takesUncommitted(options)) {
    if (snapshot.headRef !== workspaceRef || snapshot.head !== workspaceHead) {
      return fail('WORKSPACE_NOT_READY', `The workspace folder is not on its branch "${workspace.branch}"; its uncommitted changes cannot be included.`);
    }
    // A real commit (the user's identity): it becomes the workspace branch's head if the merge lands.
    const committed = await commitOfUncommitted(repo, workspace.branch, workspaceHead, snapshot, pinned);
    if (!committed.ok) return committed;
    workspaceCommit = committed.data;
    theirs = workspaceCommit;
  } else if (typeof pinned === 'string' && takesUncommitted(options)) {
    // The preview carried uncommitted files that are gone now (reverted or deleted).
    return outdatedPreview('uncommitted');
  }

  const mergeBase = await mergeBaseOf(repo, targetCommit, theirs);
  if (!mergeBase) return fail('UNSUPPORTED', `"${workspace.branch}" and "${workspace.baseBranch}" share no history, so they cannot be merged.`);
  // The workspace's own changes are only needed to validate a selection (the preview lists them itself).
  const [commits, workspaceChanges] = await Promise.all([
    listCommitsInRange(repo, targetCommit, theirs),
    options.files || options.hunks ? listFileChanges(repo, mergeBase, theirs) : Promise.resolve(null),
  ]);
  let selection: string[] | null = null;
  if ((options.files || options.hunks) && workspaceChanges) {
    const picked = checkHunkPicks(options.hunks ?? [], workspaceChanges);
    if (!picked.ok) return picked;
    const expanded = expandSelection([...new Set([...(options.files ?? []), ...picked.data])], workspaceChanges);
    if (!expanded.ok) return expanded;
    selection = expanded.data;
  }
  return ok({
    repo,
    project,
    workspace,
    options,
    targetRef,
    targetCommit,
    targetTree,
    workspaceHead,
    snapshot,
    theirs,
    workspaceCommit,
    leftOut: workspaceCommit ? 0 : uncommitted,
    mergeBase,
    commits,
    workspaceChanges,
    selection,
  });
}

const outdatedPreview = (moved: 'target' | 'workspace' | 'uncommitted') =>
  fail(
    'MERGE_OUTDATED',
    `${moved === 'target' ? 'The base branch moved' : moved === 'workspace' ? 'The workspace branch moved' : 'The workspace’s uncommitted files changed'} since the preview; preview the merge again.`,
    { moved },
  );

async function listCommitsInRange(repo: string, from: string, to: string): Promise<CommitInRange[]> {
  const output = await gitText(repo, ['log', '--reverse', '--topo-order', '--format=%H%x1f%P%x1f%s%x1e', `${from}..${to}`]);
  return output
    .split('\x1e')
    .map((record) => record.trim())
    .filter(Boolean)
    .map((record) => {
      const [sha = '', parents = '', subject = ''] = record.split('\x1f');
      return { sha, parents: parents.split(' ').filter(Boolean), subject };
    });
}

/** Hunks can be chosen in files the workspace modified in place (not added, deleted or renamed ones). */
function checkHunkPicks(picks: readonly { path: string; hunks: readonly unknown[] }[], changes: readonly FileChange[]): Result<string[]> {
  for (const pick of picks) {
    const change = changes.find((item) => item.path === pick.path);
    if (!change) return fail('INVALID_INPUT', `${pick.path} is not among the workspace's changes.`, { files: [pick.path] });
    if (change.status !== 'M') return fail('INVALID_INPUT', `Hunks can only be chosen in modified files; take ${pick.path} whole.`, { files: [pick.path] });
    if (pick.hunks.length === 0) return fail('INVALID_INPUT', `Choose at least one hunk of ${pick.path}, or leave the file out.`, { files: [pick.path] });
  }
  return ok(picks.map((pick) => pick.path));
}

/** Chosen files must be among the workspace's changes; a rename brings its old path along. */
function expandSelection(files: readonly string[], changes: readonly FileChange[]): Result<string[]> {
  const chosen = new Set<string>();
  const unknown: string[] = [];
  for (const file of files) {
    const change = changes.find((item) => item.path === file || item.oldPath === file);
    if (!change) {
      unknown.push(file);
      continue;
    }
    chosen.add(change.path);
    if (change.oldPath && change.status === 'R') chosen.add(change.oldPath);
  }
  if (unknown.length > 0) return fail('INVALID_INPUT', `Not changed in this workspace: ${unknown.join(', ')}.`, { files: unknown });
  if (chosen.size === 0) return fail('INVALID_INPUT', 'Choose at least one file to merge.');
  return ok([...chosen].sort());
}
