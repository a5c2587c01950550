import { fail, type Result } from '../../../src-shared/contract';
import { GitStepError, readBranchTips, treeOf } from '../git/git-step';
import { runGit } from '../git/run-git';
import { checkoutBranchRef, findBranchCheckout, updateCheckout } from '../merge/checkout-guard';
import { listChangedPaths } from '../merge/file-changes';
import { landMerge, listNewCommits } from '../merge/land-merge';
import type { MergeInputs } from '../merge/merge-inputs';
import type { MergeRecord, MergeStrategy } from '../merge/merge-types';
import type { LandingRecord } from '../store/merge-queue-repository';

type InRepoQueue = <T>(repository: { path: string }, operation: () => Promise<T>) => Promise<T>;

/**
 * Moves the target to the tested candidate exactly as a manual merge lands: compare-and-swap
 * from the commit the candidate was built on, the user's checkout refused when dirty where the
 * merge changes files and otherwise brought along, the workspace branch moved onto the commit
 * of its uncommitted files. `MERGE_OUTDATED` when the target or the workspace moved since the
 * build; `CHECKOUT_HAS_CHANGES` as the merge dialog says it.
 */
export async function landCandidate(inRepoQueue: InRepoQueue, inputs: MergeInputs, candidate: string, landed: string[], now: number): Promise<Result<MergeRecord>> {
  try {
    return await inRepoQueue(inputs.project, () => landMerge(inputs, candidate, landed, now));
  } catch (error) {
    if (error instanceof GitStepError) return fail('GIT_FAILED', error.message);
    throw error;
  }
}

export interface InterruptedLanding {
  repo: string;
  workspace: { id: string; path: string; branch: string; baseBranch: string };
  strategy: MergeStrategy;
  landing: LandingRecord;
  now: number;
}

/**
 * A landing the host died in: the target either moved to the candidate (one `update-ref`) or
 * did not, never half. Moved: the rest is finished (a checkout of the target whose files are
 * still the old commit's is brought along, the workspace's index re-synced) and the record is
 * returned. Not moved: null, and the entry is rebuilt; a workspace branch already moved onto
 * the commit of its files keeps it (that commit holds exactly those files), its index re-synced.
 */
export async function finishInterruptedLanding(inRepoQueue: InRepoQueue, interrupted: InterruptedLanding): Promise<MergeRecord | null> {
  const { repo, workspace, landing } = interrupted;
  const targetRef = `refs/heads/${workspace.baseBranch}`;
  const workspaceRef = `refs/heads/${workspace.branch}`;
  return inRepoQueue({ path: repo }, async () => {
    const tips = await readBranchTips(repo, [targetRef, workspaceRef]);
    if (landing.workspaceCommit && tips.get(workspaceRef)?.commit === landing.workspaceCommit) {
      await runGit(workspace.path, ['reset', '--quiet']);
    }
    if (tips.get(targetRef)?.commit !== landing.candidateCommit) return null;
    const checkout = await findBranchCheckout(repo, workspace.baseBranch);
    let checkoutUpdated = false;
    if (checkout && (await checkoutBranchRef(checkout.path)) === targetRef) {
      const index = await runGit(checkout.path, ['write-tree']);
      // Still the old commit's files: the host died between the ref and the files.
      if (index.code === 0 && index.stdout.trim() === (await treeOf(repo, landing.targetCommit))) {
        checkoutUpdated = (await updateCheckout(checkout.path, landing.targetCommit, landing.candidateCommit)).ok;
      }
    }
    const [changes, landedOnTarget] = await Promise.all([listChangedPaths(repo, landing.targetCommit, landing.candidateCommit), listNewCommits(repo, landing.targetCommit, landing.candidateCommit)]);
    return {
      workspaceId: workspace.id,
      strategy: interrupted.strategy,
      selective: landing.selective,
      files: [...new Set(changes.map((change) => change.path))],
      targetBranch: workspace.baseBranch,
      previousCommit: landing.targetCommit,
      newCommit: landing.candidateCommit,
      landedCommits: landing.landedCommits,
      landedOnTarget,
      workspaceCommit: landing.workspaceCommit,
      mergedHead: landing.workspaceCommit ?? landing.workspaceHead,
      checkout: checkout ? { path: checkout.path, updated: checkoutUpdated } : null,
      mergedAt: interrupted.now,
    };
  });
}
