import { fail, ok, type MethodArgs, type Result, type Task } from '../../../src-shared/contract';
import { localBranchExists } from '../git/branches';
import { deleteBranch, pruneWorktrees } from '../git/worktrees';
import type { WorkspaceContext } from './context';
import { assertInsideRoot } from './path-guard';
import { removeWorktreeFolder } from './remove-folder';
import { findWorkAtRisk, hasWorkAtRisk } from './work-at-risk';
import { taskNotFound } from './open-task-workspace';
import { sharedWorkspaceRefusal, workspaceSharing } from './shared-workspace';

/** `tasks.delete` as the services take it: `withSharedTasks` may be left out (false). */
export type DeleteTaskArgs = Omit<MethodArgs<'tasks.delete'>, 'withSharedTasks'> & { withSharedTasks?: boolean };

/**
 * Deletes a task and its workspace: the worktree folder and (unless `keepBranch`) its branch.
 * Its subagents' tasks (they work in its workspace) go with it, unasked. A review task shares the
 * workspace of the task it reviews, a subagent's task its parent's: deleting one removes only
 * that task (and its own subagents'). Deleting the workspace's owner while review tasks share it
 * is refused with `WORKSPACE_SHARED` naming them, unless `withSharedTasks` (they are removed with
 * it). Refuses with `WORKSPACE_HAS_WORK` when that would lose uncommitted changes or unmerged
 * commits, unless `force`. `cause` is what `task.removed` says (an archive after a merge removes
 * the task the same way); its sharers are `deleted`.
 */
export async function deleteTask(
  context: WorkspaceContext,
  args: DeleteTaskArgs,
  cause: 'deleted' | 'archived' = 'deleted',
): Promise<Result<{ deleted: true }>> {
  const { store } = context;
  // A creation still running finishes first; deleting half a worktree helps nobody.
  await context.creating.get(args.taskId);
  const task = store.tasks.get(args.taskId);
  if (!task) return taskNotFound();
  const project = store.projects.get(task.projectId);
  if (!project) return fail('NOT_FOUND', 'The task’s project is not open in Braid.');
  const workspace = store.workspaces.get(task.workspace.id);
  if (!workspace) return fail('NOT_FOUND', 'The task’s workspace record is missing.');
  if (workspace.state === 'deleting') return fail('BUSY', 'This task is already being deleted.');
  // Still `creating` after the wait: a recreate is running; its git work must finish first.
  if (workspace.state === 'creating') return fail('BUSY', 'The worktree is being created; try again in a moment.');

  const sharing = workspaceSharing(store, task);
  /** The sharers go first (their findings and reports with them), each task's subagents before it, the task last. */
  const removeRows = async (going: readonly Task[]) => {
    store.transaction(() => {
      for (const gone of going) store.tasks.remove(gone.id);
      if (store.tasks.listByWorkspace(workspace.id).length === 0) store.workspaces.remove(workspace.id);
    });
    // Waited for: what the tasks started (their services) is stopped before the delete answers.
    for (const gone of going) await context.announce.taskRemoved(gone, gone.id === task.id ? cause : 'deleted');
  };
  // A review task or a subagent's task works in another task's workspace: only it (and its own subagents) goes.
  if (sharing.isSharer) {
    await removeRows([...sharing.family, task]);
    return ok({ deleted: true });
  }
  if (sharing.others.length > 0 && !args.withSharedTasks) return sharedWorkspaceRefusal(task, sharing.others, cause === 'archived' ? 'Archiving' : 'Deleting');

  // Refuse a tampered or foreign path before looking at, or touching, anything on disk.
  const guarded = assertInsideRoot(context.worktreesRoot, workspace.path);
  if (!guarded.ok) return guarded;

  if (!args.force) {
    const risk = await findWorkAtRisk(project.path, workspace, args.keepBranch);
    if (hasWorkAtRisk(risk)) {
      const parts = [
        risk.uncommitted.length > 0 ? `${risk.uncommitted.length} uncommitted change(s)` : '',
        risk.unmergedCommits.length > 0 ? `${risk.unmergedCommits.length} commit(s) not on ${workspace.baseBranch}` : '',
      ].filter(Boolean);
      return fail('WORKSPACE_HAS_WORK', `Deleting "${task.title}" would lose ${parts.join(' and ')}.`, risk);
    }
  }

  store.workspaces.setState(workspace.id, { state: 'deleting', stateReason: null });
  context.announce.taskChanged(task.id);
  const outcome = await context.track(
    context.inRepoQueue(project, async () => {
      const removed = await removeWorktreeFolder(project.path, context.worktreesRoot, workspace.path);
      if (!removed.ok) return removed;
      await pruneWorktrees(project.path);
      if (!args.keepBranch && (await localBranchExists(project.path, workspace.branch))) {
        // Best effort: git refuses when the user has the branch checked out elsewhere. The
        // branch staying loses nothing, so the task is still deleted.
        await deleteBranch(project.path, workspace.branch);
      }
      return ok({ removed: true as const });
    }),
  );
  if (!outcome.ok) {
    store.workspaces.setState(workspace.id, { state: workspace.state, stateReason: outcome.error.message });
    context.announce.taskChanged(task.id);
    return outcome;
  }
  await removeRows([...sharing.others, ...sharing.family, task]);
  return ok({ deleted: true });
}
