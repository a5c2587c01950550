import type { MergedState, MergePreviewView } from '../../../src-shared/contract';

/** Sentences the merge dialog uses to say exactly what will happen, and what did. */

export const shortSha = (sha: string) => sha.slice(0, 10);

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** What lands on the target branch, by strategy. */
export function strategySentence(preview: Pick<MergePreviewView, 'strategy' | 'selective' | 'targetBranch' | 'workspaceBranch' | 'commits' | 'newCommitCount' | 'files'>): string {
  const target = preview.targetBranch;
  if (preview.selective) return `One new commit on ${target} with only the ${plural(preview.files.length, 'selected file')}.`;
  const commits = plural(preview.commits.length, 'commit');
  switch (preview.strategy) {
    case 'merge':
      return `One merge commit on ${target} joins ${preview.workspaceBranch} (${commits}).`;
    case 'squash':
      return `One commit on ${target} with every change from ${preview.workspaceBranch} (${commits} squashed).`;
    case 'rebase':
      return `${plural(preview.newCommitCount, 'commit')} replayed onto ${target}, then ${target} fast-forwards to them.`;
  }
}

/** What happens to the checkout that has the target branch checked out. */
export function checkoutSentence(preview: Pick<MergePreviewView, 'checkout' | 'targetBranch'>): string {
  const { checkout, targetBranch } = preview;
  if (!checkout) return `No checkout has ${targetBranch} checked out: only the branch moves.`;
  const where = checkout.isMain ? `Your checkout at ${checkout.path}` : `The worktree at ${checkout.path}`;
  if (checkout.action === 'update') return `${where} is on ${targetBranch} and will be updated to the new commit; your other uncommitted files stay as they are.`;
  if (checkout.operation) return `Refused: ${where.charAt(0).toLowerCase()}${where.slice(1)} has a ${checkout.operation} in progress. Finish or abort it first.`;
  return `Refused: ${where.charAt(0).toLowerCase()}${where.slice(1)} has uncommitted changes in files this merge changes. Commit or stash them there first.`;
}

/** What happens to the workspace's uncommitted files; null when it has none. */
export function uncommittedSentence(
  preview: Pick<MergePreviewView, 'uncommitted' | 'includesUncommitted' | 'uncommittedCommit' | 'workspaceBranch'>,
): string | null {
  const count = preview.uncommitted.length;
  if (count === 0) return null;
  const files = plural(count, 'uncommitted file');
  if (preview.includesUncommitted && preview.uncommittedCommit) {
    return `Includes ${files} from the workspace; ${count === 1 ? 'it' : 'they'} will be committed to ${preview.workspaceBranch} as “${preview.uncommittedCommit.subject}” first.`;
  }
  return `${files} ${count === 1 ? 'is' : 'are'} left out: ${count === 1 ? 'it stays' : 'they stay'} in the workspace, not merged.`;
}

/** The heading of the commit list, saying whether those very commits end up in the target's history. */
export function commitListTitle(preview: Pick<MergePreviewView, 'strategy' | 'selective' | 'commits' | 'targetBranch' | 'targetCommit' | 'mergeBase'>): string {
  const commits = plural(preview.commits.length, 'commit');
  if (preview.selective) return `Taken from ${commits}, as one new commit`;
  if (preview.strategy === 'squash') return `${commits} squashed into one new commit`;
  // A rebase onto an unmoved base is a fast-forward: the commits themselves land.
  if (preview.strategy === 'rebase' && preview.mergeBase !== preview.targetCommit) return `${commits} replayed onto ${preview.targetBranch} as new commits`;
  return `${commits} ${preview.commits.length === 1 ? 'lands' : 'land'}`;
}

export function conflictSentence(preview: Pick<MergePreviewView, 'clean' | 'conflicts'>): string {
  if (preview.clean) return 'Merges cleanly.';
  return `Conflicts in: ${preview.conflicts.join(', ')}. You resolve them next; nothing changes until you complete the merge.`;
}

/** "+12 −3", or "binary" when git gives no line counts. */
export function lineCounts(file: { additions: number | null; deletions: number | null }): string {
  if (file.additions === null || file.deletions === null) return 'binary';
  return `+${file.additions} −${file.deletions}`;
}

/** After a merge: where it went and what moved. */
export function mergedSentence(merged: Pick<MergedState, 'targetBranch' | 'previousCommit' | 'newCommit' | 'strategy' | 'selective' | 'files'>): string {
  const how = merged.selective ? `${plural(merged.files.length, 'selected file')} ` : '';
  return `Merged ${how}into ${merged.targetBranch}: ${shortSha(merged.previousCommit)} → ${shortSha(merged.newCommit)}.`;
}

export function checkoutAfterMerge(merged: Pick<MergedState, 'checkoutUpdated' | 'targetBranch'>): string {
  return merged.checkoutUpdated
    ? `The checkout at ${merged.checkoutUpdated} was updated to the new ${merged.targetBranch}.`
    : `No checkout had ${merged.targetBranch} checked out, so no files outside Braid changed.`;
}

/** Whether the preview lets the merge go ahead (conflicts do: they are resolved next). */
export function canMerge(preview: Pick<MergePreviewView, 'blocked'>): boolean {
  return preview.blocked === null;
}
