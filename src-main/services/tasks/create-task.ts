import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fail, ok, type Engine, type MethodArgs, type PlanPin, type Result, type Task, type TaskRole } from '../../../src-shared/contract';
import { currentBranch, resolveBranch, type ResolvedBranch } from '../git/branches';
import { newId } from '../store/ids';
import type { ProjectRow } from '../store/project-repository';
import type { WorkspaceContext } from '../workspaces/context';
import { createWorktreeFor } from '../workspaces/create-worktree';
import { projectWorktreeDir, workspaceNames } from '../workspaces/worktree-layout';

export interface CreatedTask {
  /** The task as stored, its workspace still `creating`. */
  task: Task;
  /** Resolves (never rejects) with the task once its worktree is `ready` or `failed`. */
  settled: Promise<Task>;
}

/** `tasks.create`'s arguments; the engine defaults to Braid's own agent. */
export type CreateTaskArgs = Omit<MethodArgs<'tasks.create'>, 'engine'> & { engine?: Engine };

/** Where new tasks branch from: the base branch and the commit it pointed at when resolved. */
export interface TaskBase {
  project: ProjectRow;
  baseBranch: string;
  base: ResolvedBranch;
}

/** One task to store on a resolved base. */
export interface NewTask {
  title: string;
  prompt: string;
  role: TaskRole;
  pipelineId?: string | null;
  /** Only `plans.implement` pins a task, after the plan gate passed. */
  planPin?: PlanPin | null;
  model?: string | null;
  /** Braid's own agent when absent. */
  engine?: Engine;
  /** Who asked for it, for the audit trail (default the user; `braid` when a pipeline moves on). */
  actor?: 'user' | 'braid';
  /** Runs inside the transaction that stores the task (rows that belong with it). */
  alongside?(taskId: string): void;
}

/**
 * Validates, stores the task with its workspace in `creating`, and returns at once; the
 * worktree is made in the background so the UI shows the task immediately.
 */
export async function createTask(context: WorkspaceContext, args: CreateTaskArgs): Promise<Result<CreatedTask>> {
  const base = await resolveTaskBase(context, args.projectId, args.baseBranch);
  if (!base.ok) return base;
  return ok(storeTask(context, base.data, { title: args.title, prompt: args.prompt, role: args.role, engine: args.engine }));
}

/**
 * The project and the commit new tasks branch from: `baseBranch`, else the repository's current
 * branch, else its default branch. Resolved once, so tasks made from it share the commit even
 * when the branch moves meanwhile.
 */
export async function resolveTaskBase(context: WorkspaceContext, projectId: string, baseBranch?: string): Promise<Result<TaskBase>> {
  const project = context.store.projects.get(projectId);
  if (!project) return fail('NOT_FOUND', 'That project is not open in Braid.');
  if (!existsSync(project.path)) return fail('PATH_NOT_FOUND', `The repository folder ${project.path} is gone.`);
  const branch = baseBranch ?? (await currentBranch(project.path)) ?? project.defaultBranch;
  if (!branch) {
    return fail('BRANCH_NOT_FOUND', 'The repository is not on a branch (detached HEAD). Choose a base branch for the task.');
  }
  const base = await resolveBranch(project.path, branch);
  if (!base) return fail('BRANCH_NOT_FOUND', `There is no branch named "${branch}" in ${project.name}.`, { branch });
  return ok({ project, baseBranch: branch, base });
}

/** Stores the task and its workspace (`creating`), announces it, and makes the worktree at the base's commit in the background. */
export function storeTask(context: WorkspaceContext, { project, baseBranch, base }: TaskBase, spec: NewTask): CreatedTask {
  const { store } = context;
  const taskId = newId();
  const names = workspaceNames(spec.title, taskId);
  const createdAt = context.now();
  const workspaceId = newId();
  store.transaction(() => {
    store.workspaces.insert({
      id: workspaceId,
      projectId: project.id,
      path: join(projectWorktreeDir(context.worktreesRoot, project), names.folder),
      branch: names.branch,
      baseBranch,
      // The commit we branch from, resolved before: a moving base cannot change it later.
      baseCommit: base.commit,
      state: 'creating',
      stateReason: null,
      branchExists: false,
      createdAt,
    });
    store.tasks.insert({
      id: taskId,
      projectId: project.id,
      workspaceId,
      title: spec.title,
      prompt: spec.prompt,
      role: spec.role,
      createdAt,
      pipelineId: spec.pipelineId ?? null,
      planPin: spec.planPin ?? null,
      engine: spec.engine ?? null,
    });
    if (spec.model) store.tasks.setModel(taskId, spec.model);
    spec.alongside?.(taskId);
  });
  const task = context.announce.taskChanged(taskId);
  if (!task) throw new Error(`Task ${taskId} was not stored.`);
  context.announce.taskCreated(task, spec.actor);

  const settled = context.track(createWorktreeFor(context, project, task, base.commit));
  context.creating.set(taskId, settled);
  void settled.finally(() => context.creating.delete(taskId));
  return { task, settled };
}
