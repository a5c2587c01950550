import type { FindingPriority, ReviewSubmission } from '../../../src-shared/contract';
import type { StoredFinding } from '../store/review-report-repository';
import { locateFindings, type FindingDiff, type LocatedFinding } from './finding-locations';

/** What a review is checked against beyond its schema. */
export interface SubmissionFacts {
  /** The reviewed work's diff against the merge-base, as DiffLens reads it. */
  diff: FindingDiff;
  /** The acceptance criteria ids of the pinned plan; null when the reviewed task has no plan. */
  criteria: readonly string[] | null;
  /** Findings of earlier reviews of the same work. */
  earlier: readonly StoredFinding[];
}

/** Earlier findings a review again must answer: those still waiting for a fix. */
export const answerableStatuses: ReadonlySet<StoredFinding['status']> = new Set(['open', 'sent', 'addressed']);

const urgent = (priority: FindingPriority) => priority === 'P0' || priority === 'P1';

/**
 * Everything the schema cannot check, as "path: why" lines: each finding's place in the diff,
 * its criterion, `resolved` (known ids, each once, every earlier finding still waiting answered)
 * and the verdict against what the review itself says (a review with P0/P1 problems left is
 * "incorrect"). `located` are the findings placed in the diff, what is stored when no problem stands.
 */
export async function checkSubmission(submission: ReviewSubmission, facts: SubmissionFacts): Promise<{ problems: string[]; located: LocatedFinding[] }> {
  const { located, problems } = await locateFindings(submission.findings, facts.diff);

  for (const [index, finding] of submission.findings.entries()) {
    if (finding.criterion === undefined) continue;
    if (facts.criteria === null) {
      problems.push(`findings[${index}].criterion: the reviewed work is not pinned to a plan, so it has no acceptance criteria; leave criterion out`);
    } else if (!facts.criteria.includes(finding.criterion)) {
      const known = facts.criteria.length > 0 ? `the plan's criteria are ${facts.criteria.join(', ')}` : 'the plan has no acceptance criteria';
      problems.push(`findings[${index}].criterion: ${finding.criterion} is not an acceptance criterion of the plan; ${known}`);
    }
  }

  const earlierById = new Map(facts.earlier.map((finding) => [finding.id, finding]));
  const answered = new Set<string>();
  for (const [index, entry] of (submission.resolved ?? []).entries()) {
    const at = `resolved[${index}].findingId`;
    if (!earlierById.has(entry.findingId)) {
      problems.push(
        facts.earlier.length === 0
          ? `${at}: ${entry.findingId} is not a finding of an earlier review; this is the first review of this work, so leave resolved out`
          : `${at}: ${entry.findingId} is not a finding of an earlier review of this work; the earlier findings are ${facts.earlier.map((finding) => finding.id).join(', ')}`,
      );
    } else if (answered.has(entry.findingId)) {
      problems.push(`${at}: ${entry.findingId} is answered twice; answer each earlier finding once`);
    }
    answered.add(entry.findingId);
  }
  const unanswered = facts.earlier.filter((finding) => answerableStatuses.has(finding.status) && !answered.has(finding.id));
  if (unanswered.length > 0) {
    problems.push(
      `resolved: say for each earlier finding still waiting whether it is fixed now ({ findingId, fixed, note? }); not answered: ${unanswered.map((finding) => `${finding.id} (“${finding.title}”)`).join(', ')}`,
    );
  }

  if (submission.verdict === 'correct') {
    const newUrgent = submission.findings.findIndex((finding) => urgent(finding.priority));
    const stillThere = (submission.resolved ?? []).filter((entry) => !entry.fixed && urgent(earlierById.get(entry.findingId)?.priority ?? 'P3'));
    if (newUrgent >= 0) {
      problems.push(`verdict: "correct" with a ${submission.findings[newUrgent]!.priority} finding (findings[${newUrgent}]); a review that leaves a P0 or P1 problem is "incorrect"`);
    } else if (stillThere.length > 0) {
      problems.push(`verdict: "correct" while ${stillThere.map((entry) => entry.findingId).join(', ')} (P0/P1) is not fixed; a review that leaves a P0 or P1 problem is "incorrect"`);
    }
  }
  return { problems, located };
}

/** "incorrect, 1 P1, 2 P2; 1 earlier finding fixed": what the run's status and the timeline say of a review. */
export function describeReview(verdict: ReviewSubmission['verdict'], findings: readonly { priority: FindingPriority }[], fixed: number): string {
  const counts = (['P0', 'P1', 'P2', 'P3'] as const)
    .map((priority) => [priority, findings.filter((finding) => finding.priority === priority).length] as const)
    .filter(([, count]) => count > 0)
    .map(([priority, count]) => `${count} ${priority}`);
  const found = counts.length > 0 ? counts.join(', ') : 'no findings';
  const fixedText = fixed > 0 ? `; ${fixed} earlier finding${fixed === 1 ? '' : 's'} fixed` : '';
  return `${verdict}, ${found}${fixedText}`;
}
