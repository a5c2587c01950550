import { z } from 'zod';
import { idSchema } from './id';
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
