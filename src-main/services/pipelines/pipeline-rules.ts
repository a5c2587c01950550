import { fail, isReadyForReview, ok, type MethodArgs, type PipelineCheck, type Result, type Task } from '../../../src-shared/contract';
import type { PipelineSettingsStore } from '../projects/pipeline-settings';
import type { WorkspaceContext } from '../workspaces/context';
import { taskNotFound } from '../workspaces/open-task-workspace';
import type { CheckRuns } from './check-runs';

export interface PipelineRulesDeps {
  settings: PipelineSettingsStore;
  /** `plans.implement` (the plan gate, the default assignment, the tasks pinned and started). */
  implement(input: MethodArgs<'plans.implement'>, actor: 'braid'): Promise<Result<Task[]>>;
  reviews: {
    start(input: { taskId: string }, actor: 'braid'): Promise<Result<Task>>;
    reviewAgain(reviewTaskId: string): Promise<Result<unknown>>;
  };
  agents: {
    isRunning(taskId: string): boolean;
    /** Resolves once the task's current run has left the scheduler. */
    runEnded(taskId: string): Promise<void>;
  };
  checks: CheckRuns;
}

const workingAgain = 'The implementer started working again; the check runs again when it is done.';

/**
 * The rules that move a pipeline on, each where its fact is published:
 * - the plan task's version approved (`plan.decided`) → the implement tasks, one per parallel
 *   group (`plans.implement`, by Braid), unless that version already has them;
 * - an implement task ready for review (`agent.statusChanged` to `done`) → the project's check
 *   command in its workspace, if it has one; then, with auto review on and the check passed, its
 *   review: started the first time, run again (with the earlier findings) after that;
 * - a new run of an implement task cancels its running check, as does deleting it.
 * When a stage cannot move on by itself it is held (`pipeline_hold`, `pipeline.held`) with the
 * reason, until it moves (the tasks created, a review started, by the rule or by the user).
 */
export function followPipelineRules(context: WorkspaceContext, deps: PipelineRulesDeps) {
  const { store, events, now } = context;

  const hold = (task: Task, stage: 'implement' | 'review', message: string) => {
    if (!task.pipelineId || !store.tasks.exists(task.id)) return;
    store.pipelineChecks.setHold({ taskId: task.id, pipelineId: task.pipelineId, stage, message, at: now() });
    void events.publish('pipeline.held', { projectId: task.projectId, pipelineId: task.pipelineId, taskId: task.id, stage, message });
  };

  const implementApproved = async (planTaskId: string, version: number): Promise<void> => {
    const planTask = store.tasks.get(planTaskId);
    if (!planTask?.pipelineId || planTask.role !== 'plan') return;
    // Implemented already (the user's "Implement…" was quicker): nothing to add.
    if (store.tasks.listPinnedTo(planTaskId).some((task) => task.planPin?.version === version)) return;
    const created = await deps.implement({ taskId: planTaskId, version }, 'braid');
    if (!created.ok) hold(planTask, 'implement', `The implement tasks of plan v${version} could not be created: ${created.error.message}`);
  };

  /** Starts the review of `task`, or runs its review again; holds the stage with the reason when it cannot. */
  const review = async (task: Task): Promise<void> => {
    const latest = store.tasks.listReviewsOf(task.id).at(-1);
    const started = latest ? await deps.reviews.reviewAgain(latest.id) : await deps.reviews.start({ taskId: task.id }, 'braid');
    if (!started.ok) hold(task, 'review', `The review could not ${latest ? 'run again' : 'start'}: ${started.error.message}`);
    else store.pipelineChecks.clearHold(task.id);
  };

  /** Whether the task is (still) a pipeline's implement task whose run ended done, with nothing running on it. */
  const stillReady = (taskId: string): Task | null => {
    const task = store.tasks.get(taskId);
    return task?.pipelineId && isReadyForReview(task) && !deps.agents.isRunning(taskId) && !deps.checks.isRunning(taskId) ? task : null;
  };

  /** After the check (when there is one): the review, with auto review on and a passing check. */
  const afterCheck = async (taskId: string, check: PipelineCheck | null): Promise<void> => {
    if (check !== null && check.status !== 'passed') return;
    const task = stillReady(taskId);
    if (!task || !deps.settings.get(task.projectId).autoReview) return;
    await review(task);
  };

  const readyForReview = async (taskId: string): Promise<void> => {
    await deps.agents.runEnded(taskId);
    await deps.checks.stopped(taskId);
    const task = stillReady(taskId);
    if (!task) return;
    const { checkCommand } = deps.settings.get(task.projectId);
    if (checkCommand === null) return afterCheck(task.id, null);
    const { done } = deps.checks.start(task, checkCommand);
    return afterCheck(task.id, await done);
  };

  events.on('plan.decided', ({ taskId, pipelineId, version, decision }) => {
    if (pipelineId && decision.kind === 'approved') void context.track(implementApproved(taskId, version));
  });
  events.on('plan.implemented', ({ taskId }) => void store.pipelineChecks.clearHold(taskId));
  events.on('task.created', ({ task }) => {
    // A review started by anyone moves the stage on.
    if (task.reviewedTaskId !== null) store.pipelineChecks.clearHold(task.reviewedTaskId);
  });
  events.on('agent.statusChanged', ({ taskId, pipelineId, status, runStart }) => {
    if (!pipelineId) return;
    if (runStart !== null) deps.checks.cancel(taskId, workingAgain);
    const task = status === 'done' ? store.tasks.get(taskId) : undefined;
    if (task?.role === 'implement' && task.planPin) void context.track(readyForReview(taskId));
  });
  events.on('task.changed', ({ task }) => {
    if (task.workspace.state === 'deleting') deps.checks.cancel(task.id, 'The task is being deleted.');
  });
  events.on('task.removed', ({ taskId }) => deps.checks.cancel(taskId, 'The task was deleted.'));

  return {
    /**
     * The user's "Run check": the project's check command again in an implement task's
     * workspace; with auto review on, a passing check then starts (or reruns) its review.
     * Answers once the check has started.
     */
    async runCheck(taskId: string): Promise<Result<PipelineCheck>> {
      const task = store.tasks.get(taskId);
      if (!task) return taskNotFound();
      if (!task.pipelineId || task.role !== 'implement' || !task.planPin) return fail('INVALID_INPUT', `“${task.title}” is not an implement stage of a pipeline; the check runs before a pipeline's reviews.`);
      const { checkCommand } = deps.settings.get(task.projectId);
      if (checkCommand === null) return fail('INVALID_INPUT', 'This project has no check command: set one in Settings → Review.');
      if (task.workspace.state !== 'ready') return fail('WORKSPACE_NOT_READY', `The workspace of “${task.title}” is ${task.workspace.state}.`);
      if (deps.agents.isRunning(task.id)) return fail('BUSY', `“${task.title}” is still working; the check runs when its run ends.`);
      if (deps.checks.isRunning(task.id)) return fail('BUSY', `The check of “${task.title}” is running already.`);
      const { started, done } = deps.checks.start(task, checkCommand);
      void context.track(done.then((check) => afterCheck(task.id, check)));
      const check = await started;
      return check ? ok(check) : taskNotFound();
    },
  };
}
