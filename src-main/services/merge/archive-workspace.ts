import { fail, ok, type Result } from '../../../src-shared/contract';
import { runGit } from '../git/run-git';
import type { WorkspaceContext } from '../workspaces/context';
import { deleteTask } from '../workspaces/delete-workspace';
import type { MergeRecord } from './merge-types';
import { taskNotFound } from '../workspaces/open-task-workspace';
import { workspaceSharing } from '../workspaces/shared-workspace';

/**
 * After a merge: removes the worktree (through the ordinary task delete, with its
 * work-at-risk check) and, unless `keepBranch`, the branch. Squash and rebase merges leave the
 * branch's own commits off the base, so the delete's "unmerged commits" check would refuse;
 * the branch is then deleted only if it still points at the commit that was merged
 * (a compare-and-swap delete), so nothing added since is lost. Selective merges keep that
 * check: unchosen changes may live only on the branch.
 */
export async function archiveMergedWorkspace(
  context: WorkspaceContext,
  args: { taskId: string; keepBranch: boolean; withSharedTasks?: boolean; merged: Pick<MergeRecord, 'workspaceId' | 'selective' | 'mergedHead'> },
): Promise<Result<{ archived: true; branchDeleted: boolean }>> {
  const task = context.store.tasks.get(args.taskId);
  if (!task) return taskNotFound();
  const project = context.store.projects.get(task.projectId);
  if (!project) return fail('NOT_FOUND', 'The task’s project is not open in Braid.');
  if (task.workspace.id !== args.merged.workspaceId) return fail('INVALID_INPUT', 'That merge belongs to another workspace.');
  const branch = task.workspace.branch;

  // A review task or a subagent's task sharing the workspace goes alone: the workspace, and its branch, stay with its owner.
  // Archiving the owner names its sharers first (WORKSPACE_SHARED) and, confirmed, takes them along (its subagents' tasks unasked).
  const shared = workspaceSharing(context.store, task).isSharer;
  const deleteBranchHere = !args.keepBranch && !args.merged.selective && !shared;
  const deleted = await deleteTask(context, { taskId: args.taskId, force: false, keepBranch: args.keepBranch || deleteBranchHere, withSharedTasks: args.withSharedTasks }, 'archived');
  if (!deleted.ok) return deleted;
  let branchDeleted = !args.keepBranch && !shared;
  if (deleteBranchHere) {
    const removed = await context.inRepoQueue(project, () => runGit(project.path, ['update-ref', '-d', `refs/heads/${branch}`, args.merged.mergedHead]));
    branchDeleted = removed.code === 0;
  }
  void context.events.publish('workspace.archived', { projectId: task.projectId, taskId: task.id, pipelineId: task.pipelineId, title: task.title, branch, branchDeleted });
  return ok({ archived: true, branchDeleted });
}
