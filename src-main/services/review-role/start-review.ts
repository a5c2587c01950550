import { fail, ok, type Engine, type Result, type Task, type TaskRole } from '../../../src-shared/contract';
import { newId } from '../store/ids';
import type { WorkspaceContext } from '../workspaces/context';
import { taskNotFound } from '../workspaces/open-task-workspace';
import { workspaceOwnerOf } from '../workspaces/shared-workspace';

export interface StartReviewDeps {
  /** Whether a run of the task's agent is going or waiting for a slot. */
  isRunning(taskId: string): boolean;
  /** Checks a model ref for the review role (`MODEL_NOT_CONFIGURED`, …). */
  resolveModel(ref: string): Promise<Result<unknown>>;
  /** How many files the workspace changed against its merge-base (a review of nothing is refused). */
  changedFiles(workspaceId: string): Promise<Result<number>>;
  /** Whether an external agent can review here (installed, and able to hand in a review). */
  checkEngine?(engine: Engine, role: TaskRole): Result<unknown>;
}

/**
 * Stores a review task of `reviewedId` on the SAME workspace (W5: the same worktree, no copy,
 * no branch of its own), its pipeline inherited and `reviewed_task_id` naming the work it
 * reviews; the caller starts its agent. Asked from a subagent's task, it reviews the workspace's
 * owner (the subagent's top parent), whose work it is. Refused for a review task (its work is the reviewed
 * task's), a workspace that is not ready or has no changes, while the reviewed task's agent or
 * another review of it runs, for a model the review role cannot use, and for an external agent
 * that is not installed or cannot hand in a review. An external agent reviews with its own model.
 */
export async function storeReviewTask(
  context: WorkspaceContext,
  deps: StartReviewDeps,
  input: { taskId: string; model?: string; engine?: Engine },
  actor: 'user' | 'braid' = 'user',
): Promise<Result<Task>> {
  const { store } = context;
  const asked = store.tasks.get(input.taskId);
  if (!asked) return taskNotFound();
  if (asked.role === 'review' || asked.reviewedTaskId !== null) {
    return fail('INVALID_INPUT', `“${asked.title}” is itself a review; review the task it reviews instead (or run this review again).`);
  }
  // A subagent's task works for its top parent: the work to review is that task's.
  const reviewed = workspaceOwnerOf(store, asked);
  if (!reviewed) return taskNotFound();
  if (reviewed.workspace.state !== 'ready') return fail('WORKSPACE_NOT_READY', `The workspace of “${reviewed.title}” is ${reviewed.workspace.state}; a review needs a ready workspace.`);
  if (deps.isRunning(reviewed.id)) return fail('BUSY', `“${reviewed.title}” is still working; review it once its run has ended.`);
  const running = store.tasks.listReviewsOf(reviewed.id).find((review) => deps.isRunning(review.id));
  if (running) return fail('BUSY', `“${running.title}” is reviewing this work right now; wait for its review.`);
  const changed = await deps.changedFiles(reviewed.workspace.id);
  if (!changed.ok) return changed;
  if (changed.data === 0) return fail('INVALID_INPUT', `“${reviewed.title}” has no changes against its base branch yet: there is nothing to review.`);

  const engine = input.engine?.kind === 'braid' ? undefined : input.engine;
  if (engine && deps.checkEngine) {
    const usable = deps.checkEngine(engine, 'review');
    if (!usable.ok) return usable;
  }
  const model = engine ? null : (input.model ?? (reviewed.pipelineId ? (store.pipelines.get(reviewed.pipelineId)?.models.review ?? null) : null));
  if (model !== null) {
    const resolved = await deps.resolveModel(model);
    if (!resolved.ok) return resolved;
  }
  // Checked again after the awaits: the task or its workspace may have gone meanwhile.
  const current = store.tasks.get(reviewed.id);
  if (!current || current.workspace.state !== 'ready') return current ? fail('WORKSPACE_NOT_READY', `The workspace of “${current.title}” is ${current.workspace.state}.`) : taskNotFound();

  const taskId = newId();
  store.transaction(() => {
    store.tasks.insert({
      id: taskId,
      projectId: current.projectId,
      workspaceId: current.workspace.id,
      title: `Review: ${current.title}`,
      prompt: `Review the work of the task “${current.title}” in its workspace and submit your review with submit_review.`,
      role: 'review',
      createdAt: context.now(),
      pipelineId: current.pipelineId,
      reviewedTaskId: current.id,
      ...(engine ? { engine } : {}),
    });
    if (model !== null) store.tasks.setModel(taskId, model);
  });
  const task = context.announce.taskChanged(taskId);
  if (!task) return taskNotFound();
  context.announce.taskCreated(task, actor);
  // The reviewed task's view lists who shares its workspace.
  context.announce.taskChanged(current.id);
  return ok(task);
}
