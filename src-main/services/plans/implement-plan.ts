import {
  describeIssues,
  fail,
  ok,
  type ImplementAssignment,
  type MethodArgs,
  type Result,
  type Task,
} from '../../../src-shared/contract';
import { assignmentProblems, defaultAssignments } from '../../../src-shared/plans/implement-assignments';
import { resolveTaskBase, storeTask, type CreatedTask } from '../tasks/create-task';
import type { WorkspaceContext } from '../workspaces/context';
import { implementTaskPrompt, implementTaskTitle } from './implement-briefing';
import { planFact } from './plan-facts';
import { requireApprovedPlan } from './plan-gate';

export interface ImplementPlanDeps {
  /** Checks a model ref the user picked for a task before anything is created. */
  resolveModel(ref: string): Promise<Result<unknown>>;
  /** Starts the agent of a stored task once its worktree is ready (the tasks' orchestration). */
  startWhenReady(created: CreatedTask): void;
}

/**
 * `plans.implement`: the one way a task pinned to a plan comes to exist. The version must pass
 * the plan gate (approved and latest: `PLAN_NOT_APPROVED` otherwise), every step must be
 * assigned exactly once, and the models picked must resolve; then the base branch is resolved
 * ONCE and every task is stored on that commit (their worktrees are made one after the other
 * through the repository queue, all from the same commit even if the branch moves meanwhile),
 * each pinned to the version and its steps, with its steps `pending`, inheriting the plan task's
 * pipeline. The agents start as a created task's do, when their worktrees are ready.
 */
export async function implementPlan(
  context: WorkspaceContext,
  deps: ImplementPlanDeps,
  input: MethodArgs<'plans.implement'>,
  actor: 'user' | 'braid' = 'user',
): Promise<Result<Task[]>> {
  const { store, now } = context;
  const approved = requireApprovedPlan(store, input.taskId, input.version);
  if (!approved.ok) return approved;
  const plan = approved.data;
  const planTask = store.tasks.get(input.taskId)!;

  const assignments: ImplementAssignment[] = input.assignments ?? defaultAssignments(plan.plan.steps);
  const problems = assignmentProblems(plan.plan.steps, assignments);
  if (problems.length > 0) {
    return fail('INVALID_INPUT', `The steps of plan v${plan.version} cannot be implemented like this: ${describeIssues(problems, '(input)').join('; ')}.`, { issues: problems });
  }

  const pipelineModel = planTask.pipelineId ? (store.pipelines.get(planTask.pipelineId)?.models.implement ?? null) : null;
  const models = assignments.map((assignment) => assignment.model ?? pipelineModel);
  for (const [index, model] of models.entries()) {
    if (model === null) continue;
    const resolved = await deps.resolveModel(model);
    if (!resolved.ok) return fail(resolved.error.code, `Task ${index + 1} (${model}): ${resolved.error.message}`, { issues: [{ path: ['assignments', index, 'model'], message: resolved.error.message }] });
  }

  const base = await resolveTaskBase(context, planTask.projectId, input.baseBranch ?? planTask.workspace.baseBranch);
  if (!base.ok) return base;
  // Resolving took a moment: the plan task may have a newer version by now (a message after approval).
  const still = requireApprovedPlan(store, input.taskId, input.version);
  if (!still.ok) return still;

  const createdAt = now();
  const created = assignments.map((assignment, index) =>
    storeTask(context, base.data, {
      title: assignment.title ?? implementTaskTitle(plan, assignment.stepIds),
      prompt: implementTaskPrompt(plan, assignment.stepIds),
      role: 'implement',
      pipelineId: planTask.pipelineId,
      planPin: { planTaskId: planTask.id, version: plan.version, stepIds: [...assignment.stepIds] },
      model: models[index],
      actor,
      alongside: (taskId) => {
        for (const stepId of assignment.stepIds) store.plans.setStepProgress({ taskId, stepId, status: 'pending', note: null, updatedAt: createdAt });
      },
    }),
  );
  void context.events.publish('plan.implemented', {
    ...planFact(planTask, plan, createdAt),
    baseBranch: base.data.baseBranch,
    baseCommit: base.data.base.commit,
    tasks: created.map(({ task }) => ({ taskId: task.id, title: task.title, stepIds: task.planPin?.stepIds ?? [], model: task.agent.model })),
    actor,
  });
  for (const task of created) deps.startWhenReady(task);
  return ok(created.map(({ task }) => task));
}
