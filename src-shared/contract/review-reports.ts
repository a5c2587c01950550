import { z } from 'zod';
import { idSchema } from './id';
import { mergePreviewSchema } from './merge';
import { checkGateStateSchema } from './pipeline-checks';
import { reviewGateModeSchema } from './pipelines';
import { criterionIdSchema } from './plans';

/**
 * Review artifacts (R3): what a review task's agent submits with `submit_review`, the report
 * versions, and the findings the user sends back or dismisses. Priorities follow Codex's review
 * schema: P0 drop everything, P1 urgent, P2 normal, P3 nice to have.
 */
export const findingPriorities = ['P0', 'P1', 'P2', 'P3'] as const;
export const findingPrioritySchema = z.enum(findingPriorities);
export type FindingPriority = z.infer<typeof findingPrioritySchema>;

export const reviewFindingInputSchema = z
  .object({
    title: z.string().trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters'),
    priority: findingPrioritySchema,
    confidence: z.number().min(0).max(1),
    /** Relative to the repository root, a file of the diff. */
    file: z.string().trim().min(1).max(4096),
    /** Lines on the new side of the diff; both absent for a finding about the whole file. */
    lineStart: z.number().int().positive().optional(),
    lineEnd: z.number().int().positive().optional(),
    body: z.string().trim().min(1, 'must not be empty').max(8000, 'must be at most 8000 characters'),
    /** The acceptance criterion it concerns, if any. */
    criterion: criterionIdSchema.optional(),
    suggestedFix: z.string().max(8000).optional(),
  })
  .strict()
  .superRefine((finding, context) => {
    if ((finding.lineStart === undefined) !== (finding.lineEnd === undefined)) {
      context.addIssue({ code: 'custom', path: ['lineEnd'], message: 'give both lineStart and lineEnd, or neither for a finding about the whole file' });
    } else if (finding.lineStart !== undefined && finding.lineEnd !== undefined && finding.lineEnd < finding.lineStart) {
      context.addIssue({ code: 'custom', path: ['lineEnd'], message: 'lineEnd comes before lineStart' });
    }
  });
export type ReviewFindingInput = z.infer<typeof reviewFindingInputSchema>;

export const reviewSubmissionSchema = z
  .object({
    verdict: z.enum(['correct', 'incorrect']),
    explanation: z.string().trim().min(1, 'must not be empty').max(4000, 'must be at most 4000 characters'),
    confidence: z.number().min(0).max(1),
    findings: z.array(reviewFindingInputSchema).max(100, 'at most 100 findings'),
    /** On a review again: which earlier findings are fixed now. */
    resolved: z
      .array(z.object({ findingId: idSchema, fixed: z.boolean(), note: z.string().max(2000).optional() }).strict())
      .max(200)
      .optional(),
  })
  .strict();
export type ReviewSubmission = z.infer<typeof reviewSubmissionSchema>;

/**
 * `open`: new. `sent`: sent to the implementer. `addressed`: likely addressed (its lines changed
 * since). `dismissed`: the user set it aside (with a reason). `fixed`: a later review says so.
 */
export const findingStatuses = ['open', 'sent', 'addressed', 'dismissed', 'fixed'] as const;
export const findingStatusSchema = z.enum(findingStatuses);
export type FindingStatus = z.infer<typeof findingStatusSchema>;

export const reviewFindingSchema = z.object({
  id: idSchema,
  reviewTaskId: idSchema,
  version: z.number().int().positive(),
  reviewedTaskId: idSchema,
  title: z.string(),
  priority: findingPrioritySchema,
  confidence: z.number(),
  path: z.string(),
  lineStart: z.number().nullable(),
  lineEnd: z.number().nullable(),
  body: z.string(),
  criterion: criterionIdSchema.nullable(),
  suggestedFix: z.string().nullable(),
  status: findingStatusSchema,
  /** Why it was dismissed, or the later review's note on it. */
  statusReason: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type ReviewFinding = z.infer<typeof reviewFindingSchema>;

export const reviewReportSchema = z.object({
  taskId: idSchema,
  version: z.number().int().positive(),
  reviewedTaskId: idSchema,
  /** The reviewed workspace's HEAD when the review was submitted. */
  headCommit: z.string().nullable(),
  verdict: z.enum(['correct', 'incorrect']),
  explanation: z.string(),
  confidence: z.number(),
  resolved: z.array(z.object({ findingId: idSchema, fixed: z.boolean(), note: z.string().nullable() })),
  createdAt: z.number(),
});
export type ReviewReport = z.infer<typeof reviewReportSchema>;

/** A finding as the review gate and the merge dialog name it. */
export const gateFindingSchema = reviewFindingSchema.pick({ id: true, title: true, priority: true, path: true, lineStart: true, lineEnd: true, status: true });
export type GateFinding = z.infer<typeof gateFindingSchema>;

/**
 * The project's review gate applied to one workspace: `mode` is the project setting; `verdict`
 * what it means for a merge now (`blocked` only in mode `block`, `warn` in mode `warn`, while a
 * P0/P1 finding is open, sent or likely addressed); `message` says so in words
 * ("Blocked by the review gate: 1 open P1 finding (…)"); `findings` are those P0/P1 findings.
 */
export const reviewGateStateSchema = z.object({
  mode: reviewGateModeSchema,
  verdict: z.enum(['clear', 'warn', 'blocked']),
  message: z.string().nullable(),
  findings: z.array(gateFindingSchema),
});
export type ReviewGateState = z.infer<typeof reviewGateStateSchema>;

/**
 * `merge.preview`'s answer: the preview, and what the project's gates say of the merge now: the
 * review gate, and the check gate (the project's check command as it last ran on the task).
 */
export const gatedMergePreviewSchema = mergePreviewSchema.extend({ reviewGate: reviewGateStateSchema, checkGate: checkGateStateSchema });
export type GatedMergePreview = z.infer<typeof gatedMergePreviewSchema>;

/** The P0/P1 findings the review gate counts: not dismissed, not fixed. */
export function isGateFinding(finding: { priority: FindingPriority; status: FindingStatus }): boolean {
  return (finding.priority === 'P0' || finding.priority === 'P1') && finding.status !== 'dismissed' && finding.status !== 'fixed';
}

/** A task's review work, as the findings panel shows it. */
export const reviewOverviewSchema = z.object({
  /** The task whose work is reviewed (the workspace's owner). */
  reviewedTaskId: idSchema,
  /** Its review tasks, oldest first (they share its workspace). */
  reviewTasks: z.array(z.object({ id: idSchema, title: z.string(), status: z.string(), statusReason: z.string().nullable() })),
  /** Every report of every review of the task, oldest first. */
  reports: z.array(reviewReportSchema),
  /** Every finding on the task's work, most urgent first. */
  findings: z.array(reviewFindingSchema),
  gate: reviewGateStateSchema,
});
export type ReviewOverview = z.infer<typeof reviewOverviewSchema>;
