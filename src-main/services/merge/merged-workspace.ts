import type { MergedState } from '../../../src-shared/contract';
import type { WorkspaceContext } from '../workspaces/context';
import type { MergeRecord } from './merge-types';

/**
 * After a merge landed (from the merge dialog or the merge queue): the workspace remembers it
 * with the gate override it was given, if any (the review says "merged" and offers archive, the
 * radar leaves it out), its tasks are
 * announced again, and `workspace.moved` says Braid moved its branch.
 */
export function markWorkspaceMerged(context: WorkspaceContext, record: MergeRecord, override: MergedState['override'] = null): MergedState {
  const merged = mergedState(record, override);
  context.store.workspaces.setMerged(record.workspaceId, merged);
  for (const task of context.store.tasks.listByWorkspace(record.workspaceId)) context.announce.taskChanged(task.id);
  void context.events.publish('workspace.moved', { workspaceId: record.workspaceId });
  return merged;
}

function mergedState(record: MergeRecord, override: MergedState['override']): MergedState {
  return {
    strategy: record.strategy,
    selective: record.selective,
    files: record.files,
    targetBranch: record.targetBranch,
    previousCommit: record.previousCommit,
    newCommit: record.newCommit,
    mergedHead: record.mergedHead,
    mergedAt: record.mergedAt,
    checkoutUpdated: record.checkout?.updated ? record.checkout.path : null,
    landedOnTarget: record.landedOnTarget,
    override,
  };
}
