import { ok, type ImplementSummary, type MethodArgs, type PlanStep, type PlanVersion, type Result, type Task, type UnplannedChange, type WorkspaceDiffView } from '../../../src-shared/contract';
import { canonicalJson } from '../../../src-shared/canonical-json';
import type { LoopTool } from '../agents/loop-tools';
import type { CreatedTask } from '../tasks/create-task';
import type { WorkspaceContext } from '../workspaces/context';
import { implementBriefing } from './implement-briefing';
import { implementPlan } from './implement-plan';
import { createImplementProgress } from './implement-progress';
import { implementSummaryMarkdown } from './implement-summary-markdown';
import { createUpdateStepTool } from './update-step-tool';

export interface ImplementServiceDeps {
  /** A workspace's current diff against the merge-base with its base branch. */
  diff(workspaceId: string): Promise<Result<WorkspaceDiffView>>;
  resolveModel(ref: string): Promise<Result<unknown>>;
  startWhenReady(created: CreatedTask): void;
}

/** What a reviewer of an implement task is given about the plan it implements (R3 builds its prompt from it). */
export interface ImplementContext {
  planTaskId: string;
  version: number;
  /** The pinned plan version as approved (its acceptance criteria are in it). */
  plan: PlanVersion;
  pinnedSteps: PlanStep[];
  summary: ImplementSummary;
  unplanned: UnplannedChange[];
  /** The implementer's summary as Markdown: steps with notes, files, commands, unplanned changes. */
  summaryMarkdown: string;
}

/**
 * The implement role (R2) on the host: `plans.implement` (behind the plan gate), the
 * implement agent's briefing and its `update_step`, progress per plan, the summary of each
 * implement task, and what its review gets (`context`).
 */
export function createImplementService(context: WorkspaceContext, deps: ImplementServiceDeps) {
  const { store, events, now } = context;
  const progress = createImplementProgress({ store, diff: deps.diff });
  // A double click sends the same request twice: it gets the first one's answer, not twice the tasks.
  const inFlight = new Map<string, { key: string; result: Promise<Result<Task[]>> }>();

  return {
    /** `actor`: who asked (the user; `braid` when a pipeline implements its approved plan), for the audit trail. */
    implement(input: MethodArgs<'plans.implement'>, actor: 'user' | 'braid' = 'user'): Promise<Result<Task[]>> {
      const key = canonicalJson(input);
      const running = inFlight.get(input.taskId);
      if (running?.key === key) return running.result;
      const previous = running?.result ?? Promise.resolve(null);
      // One implementation of a plan at a time: a different request waits for the one under way.
      const result = previous.then(() => implementPlan(context, deps, input, actor));
      inFlight.set(input.taskId, { key, result });
      void result.finally(() => {
        if (inFlight.get(input.taskId)?.result === result) inFlight.delete(input.taskId);
      });
      return result;
    },

    progress: progress.progress,
    summary: progress.summary,

    /** The pinned plan, its steps, the implementer's summary and the unplanned changes, for the review of `taskId`. */
    async context(taskId: string): Promise<Result<ImplementContext>> {
      const found = progress.pinned(taskId);
      if (!found.ok) return found;
      const summary = await progress.summary(taskId);
      if (!summary.ok) return summary;
      const { plan, task } = found.data;
      return ok({
        planTaskId: task.planPin.planTaskId,
        version: plan.version,
        plan,
        pinnedSteps: plan.plan.steps.filter((step) => task.planPin.stepIds.includes(step.id)),
        summary: summary.data,
        unplanned: summary.data.unplanned,
        summaryMarkdown: implementSummaryMarkdown(summary.data),
      });
    },

    /** The implement task's part of its system prompt (null: the task is not pinned to a plan). */
    briefingFor(task: Task): string | null {
      const found = progress.pinned(task.id);
      if (!found.ok) return null;
      const { task: pinned, plan, planTask } = found.data;
      return implementBriefing(plan, planTask.title, progress.checklist(pinned, plan), progress.otherSteps(pinned, plan));
    },

    /** `update_step` for a run of a pinned implement task (none for any other task). */
    updateStepTool(task: Task): LoopTool | null {
      const found = progress.pinned(task.id);
      if (!found.ok) return null;
      const { task: pinned, plan } = found.data;
      return createUpdateStepTool({
        pin: pinned.planPin,
        plan,
        ownerOf: (stepId) => progress.otherSteps(pinned, plan).find((other) => other.stepId === stepId)?.taskTitle ?? null,
        noteOf: (stepId) => store.plans.progress(task.id).find((row) => row.stepId === stepId)?.note ?? null,
        update: (stepId, status, note) => {
          const at = now();
          store.plans.setStepProgress({ taskId: task.id, stepId, status, note, updatedAt: at });
          void events.publish('plan.stepUpdated', {
            projectId: task.projectId,
            taskId: task.id,
            pipelineId: task.pipelineId,
            planTaskId: pinned.planPin.planTaskId,
            version: pinned.planPin.version,
            stepId,
            status,
            note,
            at,
          });
        },
      });
    },
  };
}

export type ImplementService = ReturnType<typeof createImplementService>;
