import { z } from 'zod';
import { branchNameSchema, idSchema, taskSchema } from './domain';
import { implementAssignmentSchema, implementSummarySchema, planProgressSchema } from './implement';

const versionNumber = z.number().int().positive().max(1_000_000);

/**
 * The implement role (R2), spread into `methods`. `plans.implement` is the only way a task
 * pinned to a plan is created, and it passes the plan gate first (`PLAN_NOT_APPROVED`).
 */
export const implementMethods = {
  /**
   * Starts implementing an approved (and latest) plan version: one task per assignment (default:
   * one per parallel group, the steps without a group together), each in its own worktree made
   * from the same commit of `baseBranch` (default: the plan task's base branch), pinned to the
   * version and its steps. Every step must be assigned exactly once. The created tasks, in order.
   */
  'plans.implement': {
    input: z
      .object({
        taskId: idSchema,
        version: versionNumber,
        assignments: z.array(implementAssignmentSchema).min(1, 'give at least one task').max(20, 'at most 20 tasks at once').optional(),
        baseBranch: branchNameSchema.optional(),
      })
      .strict(),
    output: z.array(taskSchema),
  },
  /** Every implement task of the plan task (of one version, when given) with its steps' progress. */
  'plans.progress': {
    input: z.object({ taskId: idSchema, version: versionNumber.optional() }).strict(),
    output: planProgressSchema,
  },
  /** An implement task's summary: steps, files changed, commands with exit codes, unplanned changes. */
  'plans.implementSummary': {
    input: z.object({ taskId: idSchema }).strict(),
    output: implementSummarySchema,
  },
} as const;
