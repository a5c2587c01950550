import { z } from 'zod';
import { taskStatusSchema } from './agent';
import { idSchema } from './id';
import { planStepIdSchema, stepStatusSchema, type PlanPin } from './plans';
import { agentCommandSchema } from './review';
import { modelRefSchema } from './settings';

/**
 * The implement role (R2): an approved plan version implemented by one task or several in
 * parallel, each pinned to the version and to the steps assigned to it.
 */

/** One implement task to create: the steps it implements, and optionally its title and model. */
export const implementAssignmentSchema = z
  .object({
    title: z.string().trim().min(1, 'a title must not be empty').max(200).optional(),
    stepIds: z.array(planStepIdSchema).min(1, 'a task needs at least one step').max(100),
    model: modelRefSchema.optional(),
  })
  .strict();
export type ImplementAssignment = z.infer<typeof implementAssignmentSchema>;

/** One step of an implement task, as its checklist shows it. */
export const stepChecklistItemSchema = z.object({
  stepId: planStepIdSchema,
  title: z.string(),
  status: stepStatusSchema,
  note: z.string().nullable(),
  /** When its status last changed (set when the task was created, until the agent marks it); null: no progress row. */
  updatedAt: z.number().nullable(),
});
export type StepChecklistItem = z.infer<typeof stepChecklistItemSchema>;

/** An implement task of a plan, with its steps' progress. */
export const implementTaskProgressSchema = z.object({
  taskId: idSchema,
  title: z.string(),
  version: z.number().int().positive(),
  status: taskStatusSchema,
  readyForReview: z.boolean(),
  steps: z.array(stepChecklistItemSchema),
});
export type ImplementTaskProgress = z.infer<typeof implementTaskProgressSchema>;

export const planProgressSchema = z.object({
  planTaskId: idSchema,
  /** Oldest first. */
  tasks: z.array(implementTaskProgressSchema),
});
export type PlanProgress = z.infer<typeof planProgressSchema>;

/**
 * A changed file no step pinned to the task names. `otherSteps`: steps of the same plan (not
 * pinned to this task) that name it, each with the task it is assigned to, when there is one.
 */
export const unplannedChangeSchema = z.object({
  path: z.string(),
  otherSteps: z.array(z.object({ stepId: planStepIdSchema, taskId: idSchema.nullable(), taskTitle: z.string().nullable() })),
});
export type UnplannedChange = z.infer<typeof unplannedChangeSchema>;

export const changedFileSchema = z.object({
  path: z.string(),
  oldPath: z.string().optional(),
  status: z.enum(['added', 'modified', 'deleted', 'renamed', 'copied', 'typechange', 'untracked']),
  additions: z.number(),
  deletions: z.number(),
});

/** What an implement task did: its steps, the files it changed, the commands it ran, its drift from the plan. */
export const implementSummarySchema = z.object({
  taskId: idSchema,
  planTaskId: idSchema,
  planTitle: z.string(),
  version: z.number().int().positive(),
  status: taskStatusSchema,
  readyForReview: z.boolean(),
  steps: z.array(stepChecklistItemSchema),
  /** The plan's other steps and which implement task of this version has each (null: none). */
  otherSteps: z.array(z.object({ stepId: planStepIdSchema, title: z.string(), taskId: idSchema.nullable(), taskTitle: z.string().nullable() })),
  /** Against the merge-base with the base branch (commits, staged, unstaged, untracked). */
  files: z.array(changedFileSchema),
  commands: z.array(agentCommandSchema),
  unplanned: z.array(unplannedChangeSchema),
  /** Why the files could not be read (e.g. the workspace is missing); the rest is still there. */
  filesError: z.string().nullable(),
});
export type ImplementSummary = z.infer<typeof implementSummarySchema>;

/**
 * "Ready for review": an implement task pinned to a plan whose run ended `done`. Derived, not
 * stored: a new run (a follow-up) takes it back to working.
 */
export function isReadyForReview(task: { planPin?: PlanPin | null; role?: string; agent: { status: string } }): boolean {
  return task.role === 'implement' && task.planPin != null && task.agent.status === 'done';
}
