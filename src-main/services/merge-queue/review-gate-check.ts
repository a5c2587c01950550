import { isGateFinding, type FindingPriority, type FindingStatus } from '../../../src-shared/contract';
import { describeOpenFindings } from '../review-role/review-gate';
import type { QueueReviewGate } from './queue-runner';

/** The findings the review role stored about a task (`review_finding`). */
export interface FindingsSource {
  findingsFor(reviewedTaskId: string): { title: string; priority: FindingPriority; status: FindingStatus }[];
}

/**
 * The queue's review gate over the stored review findings, by the review gate's own rule
 * (`isGateFinding`: P0 or P1, neither dismissed nor fixed): an entry whose task has any is
 * ejected, naming them. A task nobody reviewed passes. Unlike the merge dialog's gate it does not
 * follow the project's warn/block mode: turning it on for the queue is the choice to block.
 */
export function reviewGateOverFindings(findings: FindingsSource): QueueReviewGate {
  return (taskId) => {
    const open = findings.findingsFor(taskId).filter(isGateFinding);
    if (open.length === 0) return { blocked: false };
    return { blocked: true, message: `The review gate holds it back: ${describeOpenFindings(open)}.` };
  };
}
