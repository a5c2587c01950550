import type { ReviewItem } from '../conversation/timeline-items';
import { countByPriority, findingPlace, findingStatusWords, reportHeading } from './review-text';
import { useReviewOverview } from './reviews-store';
import './review-role.css';

/**
 * A review version where it was submitted in the review task's conversation: the verdict, the
 * reviewer's judgement, its findings with their status now, and the earlier findings it found fixed.
 */
export function ReviewCard({ item, taskId }: { item: ReviewItem; taskId: string }) {
  const { data } = useReviewOverview(taskId);
  const report = data?.reports.find((candidate) => candidate.taskId === taskId && candidate.version === item.version);
  const findings = data?.findings.filter((finding) => finding.reviewTaskId === taskId && finding.version === item.version) ?? [];
  const label = `Review v${item.version}`;
  return (
    <article className={`review-card review-card--${item.verdict}`} aria-label={label}>
      <header className="review-card__header">
        <strong>{report ? reportHeading(report) : `${label}: ${item.verdict}`}</strong>
        <span className="muted">{` · ${findings.length > 0 ? countByPriority(findings) : `${item.findings === 0 ? 'no' : item.findings} finding${item.findings === 1 ? '' : 's'}`}${item.fixed > 0 ? ` · ${item.fixed} earlier finding${item.fixed === 1 ? '' : 's'} fixed` : ''}`}</span>
      </header>
      {report && <p className="selectable review-card__explanation">{report.explanation}</p>}
      {findings.length > 0 && (
        <ul className="review-card__findings" aria-label={`Findings of review v${item.version}`}>
          {findings.map((finding) => (
            <li key={finding.id}>
              <span className={`finding-priority finding-priority--${finding.priority.toLowerCase()}`}>{finding.priority}</span> {finding.title}{' '}
              <span className="mono muted">{findingPlace(finding)}</span> <span className={`finding__status finding__status--${finding.status}`}>{findingStatusWords[finding.status]}</span>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
