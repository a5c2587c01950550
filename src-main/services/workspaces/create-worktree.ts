import type { Task } from '../../../src-shared/contract';
import { localBranchExists } from '../git/branches';
import { addWorktreeOnNewBranch } from '../git/worktrees';
import { summariseGitError } from '../git/run-git';
import type { ProjectRow } from '../store/project-repository';
import type { WorkspaceContext } from './context';

/**
 * Second half of creating a task: makes the worktree on its new branch (through the
 * repository queue) and moves the workspace to `ready` or `failed`. Never rejects: the
 * outcome is the task's final state.
 */
export async function createWorktreeFor(
  context: WorkspaceContext,
  project: ProjectRow,
  initial: Task,
  startCommit: string,
): Promise<Task> {
  const { store } = context;
  const workspace = initial.workspace;
  try {
    const result = await context.inRepoQueue(project, () =>
      addWorktreeOnNewBranch(project.path, workspace.path, workspace.branch, startCommit),
    );
    if (result.code === 0) {
      store.workspaces.setState(workspace.id, { state: 'ready', stateReason: null, branchExists: true, baseCommit: startCommit });
    } else {
      store.workspaces.setState(workspace.id, {
        state: 'failed',
        stateReason: `Git could not create the worktree: ${summariseGitError(result.stderr)}`,
        branchExists: await localBranchExists(project.path, workspace.branch),
      });
    }
  } catch (error) {
    store.workspaces.setState(workspace.id, {
      state: 'failed',
      stateReason: `Creating the worktree failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
  return (
    context.announce.taskChanged(initial.id) ?? {
      // The project was removed meanwhile: its rows are gone, the folder stays on disk.
      ...initial,
      workspace: { ...workspace, state: 'failed', stateReason: 'The project was removed while this worktree was being created.' },
    }
  );
}

