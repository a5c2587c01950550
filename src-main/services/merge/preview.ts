import type { Result } from '../../../src-shared/contract';
import { findBranchCheckout, findCheckoutBlock } from './checkout-guard';
import { listChangedPaths, listFileChanges } from './file-changes';
import type { EngineStep } from './merge-engine';
import { messageFor } from './merge-engine';
import type { MergeInputs } from './merge-inputs';
import type { CheckoutImpact, MergePreview } from './merge-types';
import { uncommittedMessage } from './uncommitted-commit';

/** Describes the computed merge (`step`; null when there is nothing to merge) for the user. */
export async function previewFrom(inputs: MergeInputs, step: Result<EngineStep> | null): Promise<MergePreview> {
  const { repo, options, workspace, selection } = inputs;
  const ready = step?.ok && step.data.kind === 'ready' ? step.data : null;
  const pending = step?.ok && step.data.kind === 'conflicts' ? step.data.pending : null;
  // Clean: what the target will change. Conflicted: the workspace's changes (the result is not known yet).
  const files = ready
    ? await listFileChanges(repo, inputs.targetCommit, ready.newCommit)
    : (inputs.workspaceChanges ?? (await listFileChanges(repo, inputs.mergeBase, inputs.theirs))).filter(
        (change) => !selection || selection.includes(change.path),
      );
  const touched = ready
    ? (await listChangedPaths(repo, inputs.targetCommit, ready.newCommit)).map((change) => ({ path: change.path, created: change.status === 'A' }))
    : files.flatMap((change) => [
        { path: change.path, created: change.status === 'A' || change.status === 'R' || change.status === 'C' },
        ...(change.oldPath ? [{ path: change.oldPath, created: false }] : []),
      ]);
  const checkout = await describeCheckout(repo, workspace.baseBranch, touched);
  const uncommitted = inputs.snapshot?.uncommitted ?? [];

  let blocked: MergePreview['blocked'] = null;
  if (step && !step.ok) blocked = { code: step.error.code, message: step.error.message };
  else if (!step) blocked = { code: 'NOTHING_TO_MERGE', message: 'The base branch already has every change from this workspace.' };
  else if (checkout?.action === 'refuse') {
    blocked = { code: 'CHECKOUT_HAS_CHANGES', message: `Your checkout at ${checkout.path} has uncommitted changes the merge would overwrite.` };
  }
  const selective = selection !== null;
  return {
    strategy: options.strategy,
    selective,
    targetBranch: workspace.baseBranch,
    targetCommit: inputs.targetCommit,
    workspaceBranch: workspace.branch,
    workspaceHead: inputs.workspaceHead,
    mergeBase: inputs.mergeBase,
    commits: inputs.commits.map((commit) => ({ sha: commit.sha, subject: commit.subject })),
    newCommitCount: ready ? ready.landed.length : options.strategy === 'rebase' && !selective ? inputs.commits.length : 1,
    uncommitted,
    includesUncommitted: inputs.workspaceCommit !== null,
    uncommittedCommit: inputs.workspaceCommit ? { sha: inputs.workspaceCommit, subject: uncommittedMessage(workspace.branch).trim() } : null,
    files,
    clean: pending === null,
    conflicts: pending ? pending.conflicts.map((conflict) => conflict.path) : [],
    message: messageFor(inputs),
    checkout,
    blocked,
  };
}

async function describeCheckout(repo: string, branch: string, touched: { path: string; created: boolean }[]): Promise<CheckoutImpact | null> {
  const checkout = await findBranchCheckout(repo, branch);
  if (!checkout) return null;
  const block = await findCheckoutBlock(checkout.path, touched);
  return {
    path: checkout.path,
    isMain: checkout.isMain,
    action: block ? 'refuse' : 'update',
    blockingFiles: block?.files ?? [],
    operation: block?.operation ?? null,
  };
}
