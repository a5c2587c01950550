import { z } from 'zod';
import { idSchema, taskSchema } from './domain';
import { engineSchema } from './engines';
import { reviewFindingSchema, reviewOverviewSchema } from './review-reports';
import { modelRefSchema } from './settings';

const delivery = z.enum(['started', 'queued', 'delivered']);

/**
 * The review role (R3) and its findings, spread into `methods`. A review task works in the
 * reviewed task's workspace (the same worktree, no copy) and never edits it.
 */
export const reviewRoleMethods = {
  /**
   * Starts a review of `taskId` (any task with a ready workspace that is not itself a review
   * task): a new task with the role `review` on the same workspace, its pipeline inherited; its
   * agent starts at once. `BUSY` while the reviewed task's agent or another review of it runs.
   * `engine`: who reviews (Braid's own agent unless an external agent is chosen; refused like
   * `tasks.create`'s when it is not installed or cannot hand in a review).
   */
  'reviews.start': {
    input: z.object({ taskId: idSchema, model: modelRefSchema.optional(), engine: engineSchema.optional() }).strict(),
    output: taskSchema,
  },
  /**
   * The next review version of a review task: its agent runs again with the current diff and
   * the earlier findings in its context, and says which of them are fixed. `BUSY` while the
   * review or the reviewed task's agent runs.
   */
  'reviews.reviewAgain': {
    input: z.object({ reviewTaskId: idSchema }).strict(),
    output: z.object({ delivery }),
  },
  /** Reports, findings and the review gate of a task's work (given the reviewed task or one of its review tasks). */
  'reviews.overview': {
    input: z.object({ taskId: idSchema }).strict(),
    output: reviewOverviewSchema,
  },
  /**
   * The chosen findings as one follow-up message to the reviewed task's agent (each with its
   * place, the code there, the body and the suggested fix); they become `sent` (back as they
   * were when the message cannot be delivered). All must be on the same task's work and
   * neither dismissed nor fixed.
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
