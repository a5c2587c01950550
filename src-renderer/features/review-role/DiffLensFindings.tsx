import { FindingsList } from './FindingsList';
import { gateLine } from './review-text';
import { useReviewOverview } from './reviews-store';

/** DiffLens's review notes: the findings on the task's work (any of its reviews), with the gate's word. */
export function DiffLensFindings({ taskId }: { taskId: string }) {
  const { data } = useReviewOverview(taskId);
  if (!data || data.findings.length === 0) return null;
  return (
    <div className="difflens-findings">
      <h3 className="section-title">Review findings</h3>
      <p className={`review-gate review-gate--${data.gate.verdict}`}>{gateLine(data.gate)}</p>
      <FindingsList reviewedTaskId={data.reviewedTaskId} findings={data.findings} />
    </div>
  );
}
