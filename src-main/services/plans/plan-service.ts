import { fail, ok, type Plan, type PlanVersion, type Result, type Task } from '../../../src-shared/contract';
import type { LoopTool } from '../agents/loop-tools';
import type { PipelineSettingsStore } from '../projects/pipeline-settings';
import type { WorkspaceContext } from '../workspaces/context';
import { openTaskWorkspace } from '../workspaces/open-task-workspace';
import { slugify } from '../workspaces/slug';
import { commitPlanFile } from './commit-plan-file';
import { createImplementService, type ImplementServiceDeps } from './implement-service';
import { planContent } from './plan-content';
import { createPlanDecisions, type PlanAgents } from './plan-decisions';
import { planFact } from './plan-facts';
import { requireApprovedPlan } from './plan-gate';
import { planTextDiff, type PlanTextDiff } from './plan-text-diff';
import { createSubmitPlanTool } from './submit-plan-tool';

export type PlanService = ReturnType<typeof createPlanService>;

/**
 * Plan artifacts (R1): the versions of a plan task's plan, the agent's `submit_plan`, the
 * user's decisions at the gate, the gate itself (`requireApprovedPlan`), the text diff between
 * versions, and "Save to repository"; their implementation (R2, `implement-service.ts`) behind
 * the gate. Every fact is published as a domain event (`plan.*`).
 */
export function createPlanService(context: WorkspaceContext, deps: { agents: PlanAgents; pipelineSettings: PipelineSettingsStore; implement: ImplementServiceDeps }) {
  const { store, events, now } = context;
  const decisions = createPlanDecisions({ store, agents: deps.agents, events, now });
  const implementation = createImplementService(context, deps.implement);

  const planTask = (taskId: string): Result<Task> => {
    const task = store.tasks.get(taskId);
    if (!task) return fail('NOT_FOUND', 'That task does not exist any more.');
    if (task.role !== 'plan') return fail('INVALID_INPUT', `"${task.title}" is not a plan task.`);
    return ok(task);
  };

  const version = (taskId: string, number: number): Result<PlanVersion> => {
    const task = planTask(taskId);
    if (!task.ok) return task;
    const found = store.plans.get(taskId, number);
    if (found) return ok(found);
    const latest = store.plans.latest(taskId);
    return fail('NOT_FOUND', latest ? `There is no plan v${number}: the latest is v${latest.version}.` : `"${task.data.title}" has no plan yet.`);
  };

  /** A valid plan from the agent: the task's next version, waiting at the gate. */
  const acceptFromAgent = (task: Task, plan: Plan): PlanVersion => {
    const createdAt = now();
    const number = store.plans.addVersion({ taskId: task.id, author: 'agent', plan, ...planContent(plan), status: 'proposed', decision: null, createdAt });
    const added = store.plans.get(task.id, number)!;
    void events.publish('plan.versionAdded', { ...planFact(task, added, createdAt), author: 'agent', status: 'proposed', basedOn: null });
    return added;
  };

  return {
    list(taskId: string): Result<PlanVersion[]> {
      const task = planTask(taskId);
      return task.ok ? ok(store.plans.list(taskId)) : task;
    },
    get: version,
    diff(taskId: string, from: number, to: number): Result<PlanTextDiff & { from: number; to: number }> {
      const older = version(taskId, from);
      if (!older.ok) return older;
      const newer = version(taskId, to);
      if (!newer.ok) return newer;
      return ok({ from, to, ...planTextDiff(older.data, newer.data) });
    },
    approve: decisions.approve,
    edit: decisions.edit,
    requestChanges: decisions.requestChanges,
    reject: decisions.reject,

    /** The gate: `PLAN_NOT_APPROVED` unless `version` is approved and the task's latest. */
    requireApprovedPlan: (taskId: string, number: number): Result<PlanVersion> => requireApprovedPlan(store, taskId, number),

    /**
     * The loop tools a run of `task` gets from plans: `submit_plan` (offered to plan tasks only,
     * see role-tools.ts) and, for an implement task pinned to a plan, `update_step`.
     */
    loopToolsFor(task: Task): LoopTool[] {
      const updateStep = implementation.updateStepTool(task);
      return [
        createSubmitPlanTool({
          accept: (plan) => acceptFromAgent(task, plan),
          refused: (attempt, issues, final) =>
            void events.publish('plan.submissionRefused', { projectId: task.projectId, taskId: task.id, pipelineId: task.pipelineId, attempt, issues, failedTask: final, at: now() }),
        }),
        ...(updateStep ? [updateStep] : []),
      ];
    },

    /** What the system prompt of `task` adds for its role: the pinned plan and checklist of an implement task (else null). */
    briefingFor: implementation.briefingFor,

    /** Implement an approved version: the pinned implement tasks, created behind the gate. */
    implement: implementation.implement,
    /** Every implement task of a plan task with its steps' progress. */
    progress: implementation.progress,
    /** An implement task's steps, files changed, commands run and unplanned changes. */
    implementSummary: implementation.summary,
    /** For the review of an implement task: the pinned plan, its steps, the summary, the unplanned changes. */
    implementContext: implementation.context,

    /**
     * Commits an approved (and latest) version's Markdown into the workspace of
     * `workspaceTaskId` (same project), at `path` or `<plansDir>/<slug>.md`.
     */
    async saveToRepository(input: { taskId: string; version: number; workspaceTaskId: string; path?: string }): Promise<Result<{ path: string; commit: string }>> {
      const approved = requireApprovedPlan(store, input.taskId, input.version);
      if (!approved.ok) return approved;
      const task = store.tasks.get(input.taskId)!;
      const target = store.tasks.get(input.workspaceTaskId);
      if (!target) return fail('NOT_FOUND', 'The task whose workspace should get the plan does not exist any more.');
      if (target.projectId !== task.projectId) return fail('INVALID_INPUT', `"${target.title}" belongs to another project; save the plan into a workspace of the same repository.`);
      const opened = openTaskWorkspace(context, target.id, 'worktree');
      if (!opened.ok) return opened;
      const plan = approved.data;
      const path = input.path ?? `${deps.pipelineSettings.get(task.projectId).plansDir.replace(/\/+$/, '')}/${slugify(plan.plan.title, 'plan')}.md`;
      const message = `Plan: ${plan.plan.title}\n\nPlan v${plan.version} of the Braid task "${task.title}", approved.\nContent hash: sha256:${plan.contentHash}\n`;
      const committed = await commitPlanFile(opened.data.handle, { path, content: plan.markdown, message });
      if (!committed.ok) return committed;
      void events.publish('workspace.moved', { workspaceId: target.workspace.id });
      void events.publish('plan.saved', { ...planFact(task, plan, now()), workspaceTaskId: target.id, path: committed.data.path, commit: committed.data.commit });
      return committed;
    },
  };
}
