import type { FindingPriority, FindingStatus } from '../../../src-shared/contract';
import type { QueueReviewGate } from './queue-runner';

/** The findings the review role stored about a task (`review_finding`). */
export interface FindingsSource {
  findingsFor(reviewedTaskId: string): { title: string; priority: FindingPriority; status: FindingStatus }[];
}

/** A finding that holds an entry back: P0 or P1, neither dismissed nor fixed (open, sent or likely addressed). */
const blocks = (finding: { priority: FindingPriority; status: FindingStatus }) =>
  (finding.priority === 'P0' || finding.priority === 'P1') && finding.status !== 'dismissed' && finding.status !== 'fixed';

/**
 * The queue's review gate over the stored review findings: an entry whose task has open P0/P1
 * findings is ejected, naming them. A task nobody reviewed passes.
 */
export function reviewGateOverFindings(findings: FindingsSource): QueueReviewGate {
  return (taskId) => {
    const open = findings.findingsFor(taskId).filter(blocks);
    if (open.length === 0) return { blocked: false };
    const priorities = [...new Set(open.map((finding) => finding.priority))].sort().join('/');
    const titles = open.slice(0, 3).map((finding) => `“${finding.title}”`);
    if (open.length > 3) titles.push(`and ${open.length - 3} more`);
    return { blocked: true, message: `The review gate holds it back: ${open.length} open ${priorities} finding${open.length === 1 ? '' : 's'} (${titles.join(', ')}).` };
  };
}
