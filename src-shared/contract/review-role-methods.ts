import { z } from 'zod';
import { idSchema, taskSchema } from './domain';
import { reviewFindingSchema, reviewOverviewSchema, reviewReportSchema } from './review-reports';
import { modelRefSchema } from './settings';

const delivery = z.enum(['started', 'queued', 'delivered']);

/**
 * The review role (R3) and its findings, spread into `methods`. A review task works in the
 * reviewed task's workspace (the same worktree, no copy) and never edits it.
 */
export const reviewRoleMethods = {
  /**
   * Starts a review of `taskId` (an implement task, or any task with a ready workspace that is
   * not itself a review task): a new task with the role `review` on the same workspace, its
   * pipeline inherited. The project's check command runs in the workspace first (its output goes
   * to the reviewer). `BUSY` while the reviewed task's agent or another review of it runs.
   */
  'reviews.start': {
    input: z.object({ taskId: idSchema, model: modelRefSchema.optional() }).strict(),
    output: taskSchema,
  },
  /** The next review version of a review task, with its earlier findings in the reviewer's context. */
  'reviews.reviewAgain': {
    input: z.object({ reviewTaskId: idSchema }).strict(),
    output: z.object({ delivery }),
  },
  /** Reports, findings, the review gate, the check runs and warnings of a task's reviews (given the reviewed task or one of its review tasks). */
  'reviews.overview': {
    input: z.object({ taskId: idSchema }).strict(),
    output: reviewOverviewSchema,
  },
  /** Every report (review version) on a task's work, or of one review task when given that task, oldest first. */
  'reviews.reports': {
    input: z.object({ taskId: idSchema }).strict(),
    output: z.array(reviewReportSchema),
  },
  /** Every finding on a task's work (given the reviewed task or one of its review tasks), most urgent first. */
  'reviews.findings': {
    input: z.object({ taskId: idSchema }).strict(),
    output: z.array(reviewFindingSchema),
  },
  /**
   * The chosen findings as one follow-up message to the reviewed task's agent (each with its
   * place, the code there, the body and the suggested fix); they become `sent`. All must be on
   * the same task's work and neither dismissed nor fixed.
   */
  'reviews.sendFindings': {
    input: z.object({ findingIds: z.array(idSchema).min(1, 'choose at least one finding').max(200) }).strict(),
    output: z.object({ sent: z.number(), delivery }),
  },
  /** Sets a finding aside, with the reason (kept on the finding and in the audit trail). */
  'reviews.dismissFinding': {
    input: z.object({ findingId: idSchema, reason: z.string().trim().min(1, 'say why the finding is dismissed').max(2000) }).strict(),
    output: reviewFindingSchema,
  },
} as const;
