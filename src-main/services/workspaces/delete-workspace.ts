import { fail, ok, type MethodArgs, type MethodOutput, type Result } from '../../../src-shared/contract';
import { localBranchExists } from '../git/branches';
import { deleteBranch, pruneWorktrees } from '../git/worktrees';
import type { WorkspaceContext } from './context';
import { assertInsideRoot } from './path-guard';
import { removeWorktreeFolder } from './remove-folder';
import { findWorkAtRisk, hasWorkAtRisk } from './work-at-risk';
import { taskNotFound } from './open-task-workspace';

/**
 * Deletes a task and, when no other task shares it, its workspace: the worktree folder and
 * (unless `keepBranch`) its branch. Refuses with `WORKSPACE_HAS_WORK` when that would lose
 * uncommitted changes or unmerged commits, unless `force`. Before the worktree goes, the
 * project's archive script runs (`context.beforeWorktreeRemoval`): its failure refuses unless
 * `force`, and a forced delete reports it. `cause` is what `task.removed` says (an archive
 * after a merge removes the task the same way).
 */
export async function deleteTask(
  context: WorkspaceContext,
  args: MethodArgs<'tasks.delete'>,
  cause: 'deleted' | 'archived' = 'deleted',
): Promise<Result<MethodOutput<'tasks.delete'>>> {
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

  const removeRows = async () => {
    store.transaction(() => {
      store.tasks.remove(task.id);
      if (store.tasks.listByWorkspace(workspace.id).length === 0) store.workspaces.remove(workspace.id);
    });
    // Waited for: what the task started (its services) is stopped before the delete answers.
    await context.announce.taskRemoved(task, cause);
  };
  // Another task still works in this workspace: only this task goes.
  if (store.tasks.listByWorkspace(workspace.id).length > 1) {
    await removeRows();
    return ok({ deleted: true, archive: null });
  }

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
  // Marked deleting first, so a second delete is refused while the archive script runs.
  const archived = await context.beforeWorktreeRemoval(task, args.force);
  if (!archived.ok) {
    store.workspaces.setState(workspace.id, { state: workspace.state, stateReason: workspace.stateReason });
    context.announce.taskChanged(task.id);
    return archived;
  }
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
  await removeRows();
  return ok({ deleted: true, archive: archived.data });
}
