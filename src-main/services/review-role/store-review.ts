import type { ReviewSubmission, Task } from '../../../src-shared/contract';
import type { DomainEventBus } from '../events';
import { newId } from '../store/ids';
import type { StoredFinding } from '../store/review-report-repository';
import type { Store } from '../store/store';
import type { FindingLifecycle } from './finding-lifecycle';
import type { LocatedFinding } from './finding-locations';
import { describeReview } from './review-submission';
import type { AcceptedReview } from './submit-review-tool';

export interface StoreReviewDeps {
  store: Store;
  events: DomainEventBus;
  lifecycle: FindingLifecycle;
  now: () => number;
}

/**
 * A valid review as the review task's next version: the report and its findings (each `open`,
 * with the code at its lines kept as its anchor) in one transaction; then the earlier findings
 * it answered move (fixed, or open again with the reviewer's note when still there), and
 * `review.submitted` is published — the seam pipelines and the audit trail follow.
 */
export function storeReview(
  deps: StoreReviewDeps,
  input: { reviewTask: Task; reviewed: Task; submission: ReviewSubmission; located: readonly LocatedFinding[]; headCommit: string | null },
): AcceptedReview {
  const { store, events, now } = deps;
  const { reviewTask, reviewed, submission, located } = input;
  const at = now();
  const findings: Omit<StoredFinding, 'version'>[] = located.map(({ finding, path, lineStart, lineEnd, anchorText }) => ({
    id: newId(),
    reviewTaskId: reviewTask.id,
    reviewedTaskId: reviewed.id,
    title: finding.title,
    priority: finding.priority,
    confidence: finding.confidence,
    path,
    lineStart,
    lineEnd,
    body: finding.body,
    criterion: finding.criterion ?? null,
    suggestedFix: finding.suggestedFix ?? null,
    anchorText,
    status: 'open',
    statusReason: null,
    createdAt: at,
    updatedAt: at,
  }));
  const resolved = (submission.resolved ?? []).map((entry) => ({ findingId: entry.findingId, fixed: entry.fixed, note: entry.note ?? null }));
  const version = store.reviewReports.addReport(
    {
      taskId: reviewTask.id,
      reviewedTaskId: reviewed.id,
      headCommit: input.headCommit,
      verdict: submission.verdict,
      explanation: submission.explanation,
      confidence: submission.confidence,
      resolved,
      createdAt: at,
    },
    findings,
  );
  void events.publish('review.submitted', {
    projectId: reviewTask.projectId,
    taskId: reviewTask.id,
    pipelineId: reviewTask.pipelineId,
    reviewedTaskId: reviewed.id,
    version,
    verdict: submission.verdict,
    confidence: submission.confidence,
    findings: findings.map(({ id, title, priority, path, lineStart, lineEnd }) => ({ id, title, priority, path, lineStart, lineEnd })),
  });

  let fixed = 0;
  for (const entry of resolved) {
    const earlier = store.reviewReports.finding(entry.findingId);
    if (!earlier) continue;
    if (entry.fixed) {
      if (earlier.status !== 'fixed') fixed += deps.lifecycle.move(earlier, 'fixed', entry.note ?? `fixed (review v${version})`, 'agent') ? 1 : 0;
    } else if (earlier.status !== 'open' && earlier.status !== 'dismissed') {
      deps.lifecycle.move(earlier, 'open', entry.note ?? `still there (review v${version})`, 'agent');
    }
  }

  const summary = describeReview(submission.verdict, findings, fixed);
  return {
    version,
    verdict: submission.verdict,
    findings: findings.length,
    fixed,
    text: `Review v${version} submitted: ${summary}. It is stored with its findings; the user decides which to send to the implementer. This run ends here.`,
    reason: `Review v${version}: ${summary}`,
  };
}
