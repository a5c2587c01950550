import type { JSONSchema7 } from 'ai';
import { describeIssues, reviewSubmissionSchema, validationIssues, type ReviewSubmission } from '../../../src-shared/contract';
import { invalidSubmissions } from '../agents/invalid-submissions';
import { toolInputSchema, type LoopTool, type LoopToolOutcome } from '../agents/loop-tools';

/** Invalid submissions in a row after which the review task fails: the model is not converging. */
export const maxInvalidReviewSubmissions = 3;

/** A review as stored: its version and what it said, for the timeline and the run's end. */
export interface AcceptedReview {
  version: number;
  verdict: ReviewSubmission['verdict'];
  findings: number;
  /** Earlier findings it says are fixed now. */
  fixed: number;
  /** What the model is told. */
  text: string;
  /** What the run ends with ("Review v2: incorrect, 1 P1"). */
  reason: string;
}

export interface SubmitReviewHandlers<Checked> {
  /**
   * What the schema cannot check: each finding's place in the diff of the reviewed workspace,
   * its criterion, the `resolved` ids, the verdict. Problems as "path: why" lines; none means
   * `checked` is what `accept` stores.
   */
  check(submission: ReviewSubmission): Promise<{ problems: string[]; checked: Checked }>;
  /** Stores the review as the task's next version. */
  accept(submission: ReviewSubmission, checked: Checked): Promise<AcceptedReview>;
}

const description = [
  'Submit your review. This ends your run.',
  'Fields: verdict ("correct" | "incorrect"); explanation (your overall judgement and why); confidence (0–1);',
  'findings[] of { title (≤ 80 characters); priority "P0" | "P1" | "P2" | "P3"; confidence (0–1); file (a changed file, relative to the repository root); lineStart and lineEnd (lines of the file as it is now, overlapping its diff; leave both out for a finding about the whole file); body; criterion? (an acceptance criterion id such as "AC1"); suggestedFix? };',
  'resolved[]? of { findingId; fixed (boolean); note? } for the earlier findings listed in your instructions (a review again).',
  'An invalid review is refused with each problem as "field: why" (a place not in the diff names the lines that are); fix exactly those and submit again.',
].join(' ');

/** The submission schema for the model, with a word on the main fields. */
function submitReviewSchema(): JSONSchema7 {
  const schema = toolInputSchema(reviewSubmissionSchema);
  const words: Record<string, string> = {
    verdict: '"correct" when nothing of priority P0 or P1 remains, else "incorrect".',
    findings: 'One per real problem, at its lines in the diff; may be empty.',
    resolved: 'On a review again: whether each earlier finding is fixed now.',
  };
  for (const [field, text] of Object.entries(words)) {
    const property = schema.properties?.[field];
    if (property && typeof property === 'object') property.description = text;
  }
  return schema;
}

/**
 * `submit_review` for one run of a review task. A valid review (schema, then every finding's
 * place in the diff, criteria, `resolved` and the verdict) becomes the task's next report
 * version, a `review_version` timeline event marks where its card goes, and the run ends `done`
 * ("Review v2: incorrect, 1 P1"). An invalid one is refused back to the model with every problem
 * as "path: why"; the third invalid submission in a row fails the task. The count is the run's:
 * Review again starts afresh.
 */
export function createSubmitReviewTool<Checked>(handlers: SubmitReviewHandlers<Checked>): LoopTool {
  const invalid = invalidSubmissions('review', 'submit_review', maxInvalidReviewSubmissions);
  const refuse = (issues: string[]): LoopToolOutcome => invalid.refuse(issues).outcome;
  return {
    definition: { name: 'submit_review', description, inputSchema: submitReviewSchema() },
    async run(args, context) {
      const parsed = reviewSubmissionSchema.safeParse(args);
      if (!parsed.success) return refuse(describeIssues(validationIssues(parsed.error), '(review)'));
      const { problems, checked } = await handlers.check(parsed.data);
      if (problems.length > 0) return refuse(problems);
      invalid.accepted();
      const accepted = await handlers.accept(parsed.data, checked);
      context.record({ kind: 'review_version', version: accepted.version, verdict: accepted.verdict, findings: accepted.findings, fixed: accepted.fixed });
      return { kind: 'end', isError: false, text: accepted.text, run: { kind: 'done', reason: accepted.reason } };
    },
  };
}
