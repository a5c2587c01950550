import { useState } from 'react';
import type { ReviewFinding } from '../../../src-shared/contract';
import { reviewTask } from '../review/review-navigation';
import { DismissFindingForm } from './DismissFindingForm';
import { findingPlace, findingStatusWords } from './review-text';
import { isSendable, useReviewsStore, useSelectedFindings } from './reviews-store';

/**
 * One finding: priority, title, where (a link into DiffLens), status now, what is wrong and the
 * suggested fix; ticked to send to the implementer, or dismissed with a reason.
 */
export function FindingItem({ finding }: { finding: ReviewFinding }) {
  const [dismissing, setDismissing] = useState(false);
  const selected = useSelectedFindings(finding.reviewedTaskId).includes(finding.id);
  const toggleSelected = useReviewsStore((s) => s.toggleSelected);
  const place = findingPlace(finding);
  const sendable = isSendable(finding);
  return (
    <li className={`finding finding--${finding.status}`}>
      <article aria-label={`Finding: ${finding.title}`}>
        <header className="finding__header">
          <span className={`finding-priority finding-priority--${finding.priority.toLowerCase()}`}>{finding.priority}</span>
          <strong className="finding__title selectable">{finding.title}</strong>
          <span className={`finding__status finding__status--${finding.status}`}>
            {findingStatusWords[finding.status]}
            {finding.statusReason && (finding.status === 'dismissed' || finding.status === 'fixed' || finding.status === 'open') ? `: ${finding.statusReason}` : ''}
          </span>
        </header>
        <button type="button" className="link-button mono" onClick={() => reviewTask(finding.reviewedTaskId, finding.path)} aria-label={`Show ${place} in DiffLens`}>
          {place}
        </button>
        <p className="finding__body selectable">{finding.body}</p>
        {finding.criterion && <p className="muted">Acceptance criterion {finding.criterion}</p>}
        {finding.suggestedFix && (
          <div className="finding__fix">
            <span className="muted">Suggested fix</span>
            <pre className="selectable">{finding.suggestedFix}</pre>
          </div>
        )}
        <p className="muted finding__meta">{`v${finding.version} · confidence ${finding.confidence}`}</p>
        {sendable && !dismissing && (
          <div className="finding__actions">
            <label className="checkbox">
              <input type="checkbox" checked={selected} onChange={() => toggleSelected(finding.reviewedTaskId, finding.id)} />
              {`Send “${finding.title}”`}
            </label>
            <button type="button" className="button button--small button--danger-quiet" onClick={() => setDismissing(true)}>
              Dismiss…
            </button>
          </div>
        )}
        {dismissing && <DismissFindingForm finding={finding} onDone={() => setDismissing(false)} />}
      </article>
    </li>
  );
}
