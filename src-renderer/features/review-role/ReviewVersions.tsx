import type { ReviewOverview } from '../../../src-shared/contract';
import { reportHeading } from './review-text';

/** Every review version of the work, newest first: its verdict, judgement and which earlier findings it found fixed. */
export function ReviewVersions({ overview }: { overview: ReviewOverview }) {
  const titles = new Map(overview.reviewTasks.map((review) => [review.id, review.title]));
  const findingTitles = new Map(overview.findings.map((finding) => [finding.id, finding.title]));
  const reports = [...overview.reports].reverse();
  if (reports.length === 0) return null;
  return (
    <ol className="review-versions" aria-label="Review versions">
      {reports.map((report) => {
        const findings = overview.findings.filter((finding) => finding.reviewTaskId === report.taskId && finding.version === report.version);
        return (
          <li key={`${report.taskId}:${report.version}`} className={`review-version review-version--${report.verdict}`} aria-label={`Review v${report.version}`}>
            <p>
              <strong>{reportHeading(report)}</strong>
              {overview.reviewTasks.length > 1 && <span className="muted">{` by “${titles.get(report.taskId) ?? 'a deleted review'}”`}</span>}
              <span className="muted">{` · ${findings.length} finding${findings.length === 1 ? '' : 's'}`}</span>
            </p>
            <p className="selectable review-version__explanation">{report.explanation}</p>
            {report.resolved.length > 0 && (
              <ul className="review-version__resolved" aria-label={`Earlier findings answered in v${report.version}`}>
                {report.resolved.map((entry) => (
                  <li key={entry.findingId}>{`${entry.fixed ? 'Fixed' : 'Still there'}: “${findingTitles.get(entry.findingId) ?? entry.findingId}”${entry.note ? ` — ${entry.note}` : ''}`}</li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}
