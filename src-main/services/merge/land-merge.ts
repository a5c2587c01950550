import { fail, ok, type Result } from '../../../src-shared/contract';
import { runGit, summariseGitError } from '../git/run-git';
import { checkoutBranchRef, findBranchCheckout, findCheckoutBlock, updateCheckout, type BranchCheckout } from './checkout-guard';
import { listChangedPaths } from './file-changes';
import { gitText, readBranchTips } from '../git/git-step';
import type { MergeInputs } from './merge-inputs';
import type { CommitSummary, MergeRecord } from './merge-types';

export interface LandingHooks {
  /** Tests only: runs after the checks, right before refs move, to simulate a concurrent change. */
  beforeRefUpdate?: () => Promise<void>;
}

/**
 * Moves the target branch to `newCommit` (compare-and-swap against the commit the merge was
 * computed from) and brings a checkout that has the branch checked out along, touching only
 * the changed paths. Either everything happens or nothing does: a later step failing puts the
 * refs moved so far back. Must run inside the repository queue.
 */
export async function landMerge(inputs: MergeInputs, newCommit: string, landed: string[], now: number, hooks: LandingHooks = {}): Promise<Result<MergeRecord>> {
  const { repo, targetRef, targetCommit, workspace } = inputs;
  const workspaceRef = `refs/heads/${workspace.branch}`;
  // Read before any ref moves, so nothing after the landing can fail.
  const [tips, changes, checkout, landedOnTarget] = await Promise.all([
    readBranchTips(repo, [targetRef, workspaceRef]),
    listChangedPaths(repo, targetCommit, newCommit),
    findBranchCheckout(repo, workspace.baseBranch),
    listNewCommits(repo, targetCommit, newCommit),
  ]);
  if (tips.get(targetRef)?.commit !== targetCommit) return outdated('target');
  if (tips.get(workspaceRef)?.commit !== inputs.workspaceHead) return outdated('workspace');
  const touched = changes.map((change) => ({ path: change.path, created: change.status === 'A' }));
  if (checkout) {
    const block = await findCheckoutBlock(checkout.path, touched);
    if (block) return checkoutRefusal(checkout, block.files, block.operation);
  }
  await hooks.beforeRefUpdate?.();

  const reason = `braid: ${inputs.options.strategy} ${workspace.branch} into ${workspace.baseBranch}`;
  const undo: (() => Promise<unknown>)[] = [];
  const rollback = async () => {
    for (const step of undo.reverse()) await step();
  };
  if (inputs.workspaceCommit) {
    const moved = await updateRef(repo, workspaceRef, inputs.workspaceCommit, inputs.workspaceHead, reason);
    if (!moved) return outdated('workspace');
    undo.push(() => updateRef(repo, workspaceRef, inputs.workspaceHead, inputs.workspaceCommit ?? '', `${reason} (undone)`));
  }
  if (!(await updateRef(repo, targetRef, newCommit, targetCommit, reason))) {
    await rollback();
    return outdated('target');
  }
  undo.push(() => updateRef(repo, targetRef, targetCommit, newCommit, `${reason} (undone)`));

  let checkoutUpdated = false;
  // Only a checkout still on the branch follows it; one that switched away keeps its files.
  if (checkout && (await checkoutBranchRef(checkout.path)) === targetRef && touched.length > 0) {
    const updated = await updateCheckout(checkout.path, targetCommit, newCommit);
    if (!updated.ok) {
      await rollback();
      return fail(
        'CHECKOUT_HAS_CHANGES',
        `Your checkout at ${checkout.path} changed while merging (${summariseGitError(updated.message)}); nothing was merged.`,
        { checkout: checkout.path, files: [] },
      );
    }
    checkoutUpdated = true;
  }
  if (inputs.workspaceCommit) {
    // The workspace's HEAD moved to the commit of its own files: re-sync its index (files stay).
    await runGit(workspace.path, ['reset', '--quiet']);
  }
  return ok({
    workspaceId: workspace.id,
    strategy: inputs.options.strategy,
    selective: inputs.selection !== null,
    files: [...new Set(touched.map((item) => item.path))],
    targetBranch: workspace.baseBranch,
    previousCommit: targetCommit,
    newCommit,
    landedCommits: landed,
    landedOnTarget,
    workspaceCommit: inputs.workspaceCommit,
    mergedHead: inputs.workspaceCommit ?? inputs.workspaceHead,
    checkout: checkout ? { path: checkout.path, updated: checkoutUpdated } : null,
    mergedAt: now,
  });
}

/** How many of the commits the target gains are listed (the newest ones). */
export const landedListLimit = 50;

/** The commits `to` has and `from` does not: the newest `landedListLimit`, oldest first, and the count. */
export async function listNewCommits(repo: string, from: string, to: string): Promise<{ commits: CommitSummary[]; total: number }> {
  const range = `${from}..${to}`;
  const [count, log] = await Promise.all([
    gitText(repo, ['rev-list', '--count', range]),
    gitText(repo, ['log', `--max-count=${landedListLimit}`, '--format=%H%x1f%s%x1e', range]),
  ]);
  const commits = log
    .split('\x1e')
    .map((record) => record.trim())
    .filter(Boolean)
    .map((record) => {
      const [sha = '', subject = ''] = record.split('\x1f');
      return { sha, subject };
    })
    .reverse();
  return { commits, total: Number(count) };
}

async function updateRef(repo: string, ref: string, value: string, expected: string, reason: string): Promise<boolean> {
  const result = await runGit(repo, ['update-ref', '-m', reason, ref, value, expected]);
  return result.code === 0;
}

const outdated = (which: 'target' | 'workspace') =>
  fail(
    'MERGE_OUTDATED',
    which === 'target'
      ? 'The base branch moved since this merge was prepared; nothing was changed. Preview the merge again.'
      : 'The workspace branch moved since this merge was prepared; nothing was changed. Preview the merge again.',
    { moved: which },
  );

export function checkoutRefusal(checkout: BranchCheckout, files: { path: string; status: string }[], operation: string | null) {
  const where = checkout.isMain ? `your checkout (${checkout.path})` : `the worktree at ${checkout.path}`;
  const message = operation
    ? `The base branch is checked out in ${where}, which is in the middle of ${operation}. Finish or abort it first; nothing was merged.`
    : `The base branch is checked out in ${where} with uncommitted changes the merge would overwrite: ${files.map((file) => file.path).join(', ')}. Commit or stash them first; nothing was merged.`;
  return fail('CHECKOUT_HAS_CHANGES', message, { checkout: checkout.path, files, operation });
}
