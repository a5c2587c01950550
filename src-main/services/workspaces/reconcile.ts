import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { readBranchOverview, localBranchExists } from '../git/branches';
import { listWorktrees, pruneWorktrees, type WorktreeEntry } from '../git/worktrees';
import type { ProjectRow } from '../store/project-repository';
import type { WorkspaceRow, WorkspaceStateChange } from '../store/workspace-repository';
import type { WorkspaceContext } from './context';
import { findOrphans } from './orphans';

/**
 * Start-up check of records against disk, per project: prunes git's stale worktree entries,
 * marks workspaces whose folder vanished as `missing`, settles the ones a crash left
 * `creating` or `deleting`, refreshes the cached default branch and announces orphans.
 */
export async function reconcile(context: WorkspaceContext): Promise<void> {
  for (const project of context.store.projects.list()) {
    if (!existsSync(project.path)) continue; // The repository itself is gone; nothing to compare with.
    await context.track(reconcileProject(context, project));
  }
}

async function reconcileProject(context: WorkspaceContext, project: ProjectRow): Promise<void> {
  const { store } = context;
  const worktrees = await context.inRepoQueue(project, async () => {
    await pruneWorktrees(project.path);
    return listWorktrees(project.path);
  });
  if (!worktrees) return;
  const overview = await readBranchOverview(project.path);
  if (overview.default !== project.defaultBranch) store.projects.setDefaultBranch(project.id, overview.default);

  const busy = new Set([...context.creating.keys()].map((taskId) => store.tasks.get(taskId)?.workspace.id));
  for (const workspace of store.workspaces.listByProject(project.id)) {
    if (busy.has(workspace.id)) continue; // Being created right now by this process.
    // Registered at that path counts as present even on another branch: the user may
    // have switched branches inside the worktree, which is theirs to do.
    const present = existsSync(workspace.path) && isRegistered(worktrees, resolve(workspace.path));
    const change = await nextState(project, workspace, present);
    if (!change) continue;
    store.workspaces.setState(workspace.id, change);
    for (const task of store.tasks.listByWorkspace(workspace.id)) context.announce.taskChanged(task.id);
  }
  context.announce.orphansChanged(project.id, findOrphans(context, project));
}

async function nextState(
  project: ProjectRow,
  workspace: WorkspaceRow,
  present: boolean,
): Promise<WorkspaceStateChange | null> {
  const branchExists = () => localBranchExists(project.path, workspace.branch);
  switch (workspace.state) {
    case 'creating':
      // A crash mid-create: keep the worktree if git finished it, otherwise say so.
      return present
        ? { state: 'ready', stateReason: null, branchExists: true }
        : { state: 'failed', stateReason: 'Braid was interrupted while creating this worktree.', branchExists: await branchExists() };
    case 'deleting':
      return present
        ? { state: 'ready', stateReason: 'Braid was interrupted while deleting this task; delete it again.', branchExists: true }
        : { state: 'missing', stateReason: 'Braid was interrupted while deleting this task.', branchExists: await branchExists() };
    case 'ready':
      if (present) return null;
      return {
        state: 'missing',
        stateReason: `The worktree folder ${workspace.path} is gone (moved or deleted outside Braid).`,
        branchExists: await branchExists(),
      };
    case 'missing': {
      if (present) return { state: 'ready', stateReason: null, branchExists: true };
      const exists = await branchExists();
      return exists === workspace.branchExists ? null : { state: 'missing', stateReason: workspace.stateReason, branchExists: exists };
    }
    case 'failed':
      return null;
  }
}

function isRegistered(worktrees: WorktreeEntry[], path: string): boolean {
  return worktrees.some((entry) => !entry.isMain && !entry.prunable && resolve(entry.path) === path);
}
