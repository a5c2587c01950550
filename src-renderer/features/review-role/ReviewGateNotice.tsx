import type { ReviewGateState } from '../../../src-shared/contract';
import { findingPlace, findingStatusWords } from './review-text';
import './review-role.css';

/**
 * In the merge dialog: what the project's review gate says of this merge. It warns, or blocks
 * while P0/P1 findings are open; "merge anyway" then needs a reason (`MergeAnywayReason`),
 * kept in the audit trail.
 */
export function ReviewGateNotice({ gate }: { gate: ReviewGateState }) {
  if (gate.verdict === 'clear') return null;
  return (
    <section className={`review-gate-notice review-gate-notice--${gate.verdict}`} aria-label="Review gate">
      <p role="status">{gate.message}</p>
      <ul className="review-gate-notice__findings" aria-label="Open P0/P1 findings">
        {gate.findings.map((finding) => (
          <li key={finding.id}>
            <span className={`finding-priority finding-priority--${finding.priority.toLowerCase()}`}>{finding.priority}</span> {finding.title}{' '}
            <span className="mono muted">{findingPlace(finding)}</span> <span className="muted">({findingStatusWords[finding.status]})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
