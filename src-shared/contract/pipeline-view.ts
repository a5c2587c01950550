import { z } from 'zod';
import { taskStatusSchema } from './agent';
import { idSchema } from './id';
import { mergeStrategySchema } from './merge';
import { checkGateStateSchema, pipelineCheckSchema } from './pipeline-checks';
import { pipelineSchema, pipelineSettingsSchema } from './pipelines';
import { planDecisionSchema, planVersionStatusSchema } from './plans';
import { findingPrioritySchema, findingStatusSchema, reviewGateStateSchema } from './review-reports';

/**
 * Where one stage stands: `waiting` (not started: the stage before is not done), `working` (an
 * agent or the check runs), `needs_you` (a decision is the user's: a plan at the gate, a review
 * to start, a merge), `held` (it cannot go on by itself; `hold` says why), `done`, `failed`.
 */
export const stageStates = ['waiting', 'working', 'needs_you', 'held', 'done', 'failed'] as const;
export const stageStateSchema = z.enum(stageStates);
export type StageState = z.infer<typeof stageStateSchema>;

/** The task behind a stage, as the pipeline view names it (a link selects it). */
const stageTask = {
  taskId: idSchema,
  title: z.string(),
  status: taskStatusSchema,
  statusReason: z.string().nullable(),
  createdAt: z.number(),
  /** Who made the task: the user, or Braid moving the pipeline on (`braid`). */
  createdBy: z.enum(['user', 'braid']),
};

export const planStageSchema = z.object({
  ...stageTask,
  state: stageStateSchema,
  /** Every version, oldest first: its status, author and the user's decision (who and when). */
  versions: z.array(
    z.object({
      version: z.number().int().positive(),
      status: planVersionStatusSchema,
      author: z.enum(['agent', 'user']),
      createdAt: z.number(),
      decision: planDecisionSchema.nullable(),
    }),
  ),
  /** The plan gate in words: "Plan v2 awaits your approval", "You approved plan v2", "No plan yet". */
  gate: z.string(),
  /** The approved version the implement tasks are pinned to; null until one is approved. */
  approvedVersion: z.number().nullable(),
  /** Why the pipeline did not create the implement tasks by itself, when it could not. */
  hold: z.string().nullable(),
});
export type PlanStage = z.infer<typeof planStageSchema>;

export const implementStageSchema = z.object({
  ...stageTask,
  state: stageStateSchema,
  /** The plan version it is pinned to and its steps. */
  planVersion: z.number().int().positive(),
  stepIds: z.array(z.string()),
  steps: z.object({ done: z.number(), skipped: z.number(), total: z.number() }),
  readyForReview: z.boolean(),
});
export type ImplementStage = z.infer<typeof implementStageSchema>;

/**
 * The review stage of one implement task: the check before it, its review task (one; "review
 * again" runs it again), its report versions and the findings' counts, the review gate.
 */
export const reviewStageSchema = z.object({
  /** The implement task under review. */
  reviewedTaskId: idSchema,
  reviewedTitle: z.string(),
  state: stageStateSchema,
  /** What the stage waits for or why it is held, in words ("The check failed: auto review is held"). */
  note: z.string().nullable(),
  check: pipelineCheckSchema.nullable(),
  /** The review task (the newest when there are several); null before a review started. */
  review: z.object(stageTask).nullable(),
  versions: z.array(
    z.object({
      version: z.number().int().positive(),
      verdict: z.enum(['correct', 'incorrect']),
      confidence: z.number(),
      createdAt: z.number(),
      findings: z.number(),
      fixed: z.number(),
    }),
  ),
  findings: z.array(z.object({ id: idSchema, title: z.string(), priority: findingPrioritySchema, status: findingStatusSchema, path: z.string(), lineStart: z.number().nullable() })),
  gate: reviewGateStateSchema,
  /** Why the pipeline could not start or rerun the review by itself, when it could not. */
  hold: z.string().nullable(),
});
export type ReviewStage = z.infer<typeof reviewStageSchema>;

/** The merge of one implement task's workspace: not yet (with the gates as they stand), or landed (who, when, where, past which gate). */
export const mergeStageSchema = z.object({
  taskId: idSchema,
  title: z.string(),
  state: stageStateSchema,
  reviewGate: reviewGateStateSchema,
  checkGate: checkGateStateSchema,
  merged: z
    .object({
      strategy: mergeStrategySchema,
      targetBranch: z.string(),
      newCommit: z.string(),
      mergedAt: z.number(),
      files: z.number(),
      override: z.object({ gates: z.array(z.string()), reason: z.string() }).nullable(),
    })
    .nullable(),
});
export type MergeStage = z.infer<typeof mergeStageSchema>;

/**
 * A pipeline as its view shows it, stages left to right: plan → implement ×n → review ×n →
 * merged. `stage` is the furthest stage reached; `done` once every implement task is merged.
 */
export const pipelineViewSchema = z.object({
  pipeline: pipelineSchema,
  settings: pipelineSettingsSchema,
  stage: z.enum(['plan', 'implement', 'review', 'merge', 'done']),
  plan: planStageSchema.nullable(),
  implement: z.array(implementStageSchema),
  reviews: z.array(reviewStageSchema),
  merges: z.array(mergeStageSchema),
});
export type PipelineView = z.infer<typeof pipelineViewSchema>;

/** A pipeline in a list (the sidebar): its stage and whether it needs the user. */
export const pipelineSummarySchema = pipelineSchema.extend({
  stage: pipelineViewSchema.shape.stage,
  needsYou: z.boolean(),
});
export type PipelineSummary = z.infer<typeof pipelineSummarySchema>;
