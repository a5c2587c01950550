import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fail, ok, type MethodArgs, type Result, type Task } from '../../../src-shared/contract';
import { currentBranch, resolveBranch } from '../git/branches';
import { newId } from '../store/ids';
import type { WorkspaceContext } from '../workspaces/context';
import { createWorktreeFor } from '../workspaces/create-worktree';
import { projectWorktreeDir, workspaceNames } from '../workspaces/worktree-layout';

export interface CreatedTask {
  /** The task as stored, its workspace still `creating`. */
  task: Task;
  /** Resolves (never rejects) with the task once its worktree is `ready` or `failed`. */
  settled: Promise<Task>;
}

/**
 * Validates, stores the task with its workspace in `creating`, and returns at once; the
 * worktree is made in the background so the UI shows the task immediately.
 */
export async function createTask(context: WorkspaceContext, args: MethodArgs<'tasks.create'>): Promise<Result<CreatedTask>> {
  const { store } = context;
  const project = store.projects.get(args.projectId);
  if (!project) return fail('NOT_FOUND', 'That project is not open in Braid.');
  if (!existsSync(project.path)) return fail('PATH_NOT_FOUND', `The repository folder ${project.path} is gone.`);

  const baseBranch = args.baseBranch ?? (await currentBranch(project.path)) ?? project.defaultBranch;
  if (!baseBranch) {
    return fail('BRANCH_NOT_FOUND', 'The repository is not on a branch (detached HEAD). Choose a base branch for the task.');
  }
  const base = await resolveBranch(project.path, baseBranch);
  if (!base) return fail('BRANCH_NOT_FOUND', `There is no branch named "${baseBranch}" in ${project.name}.`, { branch: baseBranch });

  const taskId = newId();
  const names = workspaceNames(args.title, taskId);
  const createdAt = context.now();
  const workspaceId = newId();
  store.transaction(() => {
    store.workspaces.insert({
      id: workspaceId,
      projectId: project.id,
      path: join(projectWorktreeDir(context.worktreesRoot, project), names.folder),
      branch: names.branch,
      baseBranch,
      // The commit we branch from, resolved now so a moving base cannot change it later.
      baseCommit: base.commit,
      state: 'creating',
      stateReason: null,
      branchExists: false,
      createdAt,
    });
    store.tasks.insert({ id: taskId, projectId: project.id, workspaceId, title: args.title, prompt: args.prompt, role: args.role, createdAt });
  });
  const task = context.announce.taskChanged(taskId);
  if (!task) throw new Error(`Task ${taskId} was not stored.`);
  context.announce.taskCreated(task);

  const settled = context.track(createWorktreeFor(context, project, task, base.commit));
  context.creating.set(taskId, settled);
  void settled.finally(() => context.creating.delete(taskId));
  return ok({ task, settled });
}
