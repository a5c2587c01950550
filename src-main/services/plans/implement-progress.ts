import {
  fail,
  isReadyForReview,
  ok,
  type ImplementSummary,
  type ImplementTaskProgress,
  type PlanProgress,
  type PlanVersion,
  type Result,
  type StepChecklistItem,
  type Task,
  type WorkspaceDiffView,
} from '../../../src-shared/contract';
import { agentCommands, commandEventKinds } from '../review/agent-commands';
import type { Store } from '../store/store';
import type { OtherStep } from './implement-briefing';
import { unplannedPaths } from './plan-drift';

export interface ImplementProgressDeps {
  store: Store;
  /** A workspace's current diff against the merge-base with its base branch. */
  diff(workspaceId: string): Promise<Result<WorkspaceDiffView>>;
}

/** An implement task with its pin, and the plan version it pins. */
export interface PinnedTask {
  task: Task & { planPin: NonNullable<Task['planPin']> };
  plan: PlanVersion;
  planTask: Task;
}

/**
 * Where implementation stands: per implement task of a plan, its steps' progress; per task, its
 * summary (steps, files changed, commands run, unplanned changes). Read from the store, the
 * timeline and the workspace's diff; nothing here changes anything.
 */
export function createImplementProgress(deps: ImplementProgressDeps) {
  const { store } = deps;

  const pinned = (taskId: string): Result<PinnedTask> => {
    const task = store.tasks.get(taskId);
    if (!task) return fail('NOT_FOUND', 'That task does not exist any more.');
    const pin = task.planPin;
    if (!pin) return fail('INVALID_INPUT', `"${task.title}" does not implement a plan: only tasks started with Implement on an approved plan have one.`);
    const planTask = store.tasks.get(pin.planTaskId);
    const plan = store.plans.get(pin.planTaskId, pin.version);
    if (!planTask || !plan) return fail('NOT_FOUND', `The plan "${task.title}" implements (v${pin.version}) was deleted with its task.`);
    return ok({ task: { ...task, planPin: pin }, plan, planTask });
  };

  /** The task's pinned steps in its order, each with its stored progress (pending until marked). */
  const checklist = (task: Task, plan: PlanVersion): StepChecklistItem[] => {
    const stored = new Map(store.plans.progress(task.id).map((row) => [row.stepId, row]));
    return (task.planPin?.stepIds ?? []).map((stepId) => {
      const row = stored.get(stepId);
      const title = plan.plan.steps.find((step) => step.id === stepId)?.title ?? stepId;
      return { stepId, title, status: row?.status ?? 'pending', note: row?.note ?? null, updatedAt: row?.updatedAt ?? null };
    });
  };

  /** The plan's steps that are not `task`'s, each with the implement task of the same version that has it. */
  const otherSteps = (task: PinnedTask['task'], plan: PlanVersion): (OtherStep & { taskId: string | null })[] => {
    const siblings = store.tasks.listPinnedTo(task.planPin.planTaskId).filter((other) => other.id !== task.id && other.planPin?.version === task.planPin.version);
    return plan.plan.steps
      .filter((step) => !task.planPin.stepIds.includes(step.id))
      .map((step) => {
        const owner = siblings.find((other) => other.planPin?.stepIds.includes(step.id));
        return { stepId: step.id, title: step.title, taskId: owner?.id ?? null, taskTitle: owner?.title ?? null };
      });
  };

  const taskProgress = (task: Task, plans: Map<number, PlanVersion | undefined>): ImplementTaskProgress | null => {
    const pin = task.planPin;
    if (!pin) return null;
    if (!plans.has(pin.version)) plans.set(pin.version, store.plans.get(pin.planTaskId, pin.version));
    const plan = plans.get(pin.version);
    if (!plan) return null;
    return { taskId: task.id, title: task.title, version: pin.version, status: task.agent.status, readyForReview: isReadyForReview(task), steps: checklist(task, plan) };
  };

  return {
    pinned,
    checklist,
    otherSteps,

    /** Every implement task of the plan task (of one version, when given), oldest first. */
    progress(planTaskId: string, version?: number): Result<PlanProgress> {
      const planTask = store.tasks.get(planTaskId);
      if (!planTask) return fail('NOT_FOUND', 'That task does not exist any more.');
      if (planTask.role !== 'plan') return fail('INVALID_INPUT', `"${planTask.title}" is not a plan task.`);
      const plans = new Map<number, PlanVersion | undefined>();
      const tasks = store.tasks
        .listPinnedTo(planTaskId)
        .filter((task) => version === undefined || task.planPin?.version === version)
        .map((task) => taskProgress(task, plans))
        .filter((entry) => entry !== null);
      return ok({ planTaskId, tasks });
    },

    /** What the implement task did: its steps, the files it changed, the commands it ran, the changes no pinned step names. */
    async summary(taskId: string): Promise<Result<ImplementSummary>> {
      const found = pinned(taskId);
      if (!found.ok) return found;
      const { task, plan } = found.data;
      const others = otherSteps(task, plan);
      const diff: Result<WorkspaceDiffView> =
        task.workspace.state === 'ready' ? await deps.diff(task.workspace.id) : fail('WORKSPACE_NOT_READY', `The task's workspace is ${task.workspace.state}.`);
      const files = diff.ok ? diff.data.files.map(({ path, oldPath, status, additions, deletions }) => ({ path, ...(oldPath === undefined ? {} : { oldPath }), status, additions, deletions })) : [];
      // A rename changes both names (a copy only its new one); each is checked against the plan.
      const changed = files.flatMap((file) => (file.status === 'renamed' && file.oldPath !== undefined && file.oldPath !== file.path ? [file.oldPath, file.path] : [file.path]));
      const ownerOf = new Map(others.map((other) => [other.stepId, other]));
      const unplanned = unplannedPaths(changed, plan.plan.steps, task.planPin.stepIds).map(({ path, otherSteps: stepIds }) => ({
        path,
        otherSteps: stepIds.map((stepId) => ({ stepId, taskId: ownerOf.get(stepId)?.taskId ?? null, taskTitle: ownerOf.get(stepId)?.taskTitle ?? null })),
      }));
      return ok({
        taskId: task.id,
        planTaskId: task.planPin.planTaskId,
        planTitle: plan.plan.title,
        version: plan.version,
        status: task.agent.status,
        readyForReview: isReadyForReview(task),
        steps: checklist(task, plan),
        otherSteps: others,
        files,
        commands: agentCommands(store.timeline.ofKinds(task.id, commandEventKinds)),
        unplanned,
        filesError: diff.ok ? null : diff.error.message,
      });
    },
  };
}

export type ImplementProgress = ReturnType<typeof createImplementProgress>;
