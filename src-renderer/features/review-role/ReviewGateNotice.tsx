import { useId } from 'react';
import type { ReviewGateState } from '../../../src-shared/contract';
import { findingPlace, findingStatusWords } from './review-text';
import './review-role.css';

interface ReviewGateNoticeProps {
  gate: ReviewGateState;
  /** The reason to merge anyway (only asked while the gate blocks). */
  reason: string;
  onReason(reason: string): void;
}

/**
 * In the merge dialog: what the project's review gate says of this merge. It warns, or blocks
 * while P0/P1 findings are open; "merge anyway" then needs a reason, kept in the audit trail.
 */
export function ReviewGateNotice({ gate, reason, onReason }: ReviewGateNoticeProps) {
  const reasonId = useId();
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
      {gate.verdict === 'blocked' && (
        <div className="review-gate-notice__override">
          <label htmlFor={reasonId}>Reason to merge anyway</label>
          <input id={reasonId} className="input" value={reason} onChange={(event) => onReason(event.target.value)} maxLength={2000} placeholder="Why this merge goes ahead despite the findings (kept in the audit trail)" />
        </div>
      )}
    </section>
  );
}
