import { fail, ok, type Result, type Task } from '../../../src-shared/contract';
import { localBranchExists, resolveBranch } from '../git/branches';
import { addWorktreeOnBranch, addWorktreeOnNewBranch, pruneWorktrees } from '../git/worktrees';
import { summariseGitError } from '../git/run-git';
import type { WorkspaceContext } from './context';
import { assertInsideRoot } from './path-guard';
import { taskNotFound } from './open-task-workspace';
import { workspaceOwnerOf } from './shared-workspace';

/**
 * Brings back the worktree of a `missing` workspace from its branch, or retries a `failed`
 * creation (from its branch if git got as far as making it, else from the base again).
 * Asked from any task on the workspace (a review's, a subagent's), it is done for the
 * workspace's owner, whose setup then runs. Waits for git and returns the owner's task in its
 * new state.
 */
export async function recreateWorkspace(context: WorkspaceContext, askedId: string): Promise<Result<Task>> {
  const { store } = context;
  const asked = store.tasks.get(askedId);
  if (!asked) return taskNotFound();
  const task = workspaceOwnerOf(store, asked) ?? asked;
  const project = store.projects.get(task.projectId);
  if (!project) return fail('NOT_FOUND', 'The task’s project is not open in Braid.');
  const workspace = task.workspace;
  if (workspace.state === 'ready') return ok(task);
  if (workspace.state === 'creating' || workspace.state === 'deleting') {
    return fail('BUSY', `The workspace is being ${workspace.state === 'creating' ? 'created' : 'deleted'}; try again in a moment.`);
  }
  const guarded = assertInsideRoot(context.worktreesRoot, workspace.path);
  if (!guarded.ok) return guarded;

  const branchExists = await localBranchExists(project.path, workspace.branch);
  let startPoint: string | null = null;
  if (!branchExists) {
    if (workspace.state === 'missing') {
      return fail('BRANCH_NOT_FOUND', `The branch ${workspace.branch} no longer exists, so the worktree cannot be brought back.`, {
        branch: workspace.branch,
      });
    }
    startPoint = (await resolveBranch(project.path, workspace.baseBranch))?.commit ?? workspace.baseCommit;
    if (!startPoint) return fail('BRANCH_NOT_FOUND', `The base branch ${workspace.baseBranch} no longer exists.`);
  }

  store.workspaces.setState(workspace.id, { state: 'creating', stateReason: null });
  context.announce.taskChanged(task.id);
  const result = await context.track(
    context.inRepoQueue(project, async () => {
      await pruneWorktrees(project.path);
      return startPoint
        ? addWorktreeOnNewBranch(project.path, guarded.data, workspace.branch, startPoint)
        : addWorktreeOnBranch(project.path, guarded.data, workspace.branch);
    }),
  );
  if (result.code !== 0) {
    const reason = `Git could not recreate the worktree: ${summariseGitError(result.stderr)}`;
    store.workspaces.setState(workspace.id, { state: workspace.state, stateReason: reason, branchExists });
    context.announce.taskChanged(task.id);
    return fail('GIT_FAILED', reason);
  }
  store.workspaces.setState(workspace.id, {
    state: 'ready',
    stateReason: null,
    branchExists: true,
    baseCommit: startPoint ?? undefined,
  });
  const updated = context.announce.taskChanged(task.id);
  return updated ? ok(updated) : fail('NOT_FOUND', 'The task was deleted meanwhile.');
}
