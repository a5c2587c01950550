import { useMemo, useState } from 'react';
import { findingPriorities, type ReviewFinding } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { useHostAction } from '../../ui/use-host-action';
import { FindingItem } from './FindingItem';
import { priorityWords } from './review-text';
import { useReviewsStore, useSelectedFindings } from './reviews-store';
import './review-role.css';

/**
 * The findings on a task's work, most urgent first, filtered by priority; the ticked ones go to
 * the implementer as one follow-up message.
 */
export function FindingsList({ reviewedTaskId, findings }: { reviewedTaskId: string; findings: readonly ReviewFinding[] }) {
  const shown = useReviewsStore((s) => s.shown);
  const togglePriority = useReviewsStore((s) => s.togglePriority);
  const visible = useMemo(() => findings.filter((finding) => shown[finding.priority]), [findings, shown]);
  return (
    <section className="findings" aria-label="Findings">
      <div className="findings__toolbar">
        <div className="segmented" role="group" aria-label="Show priorities">
          {findingPriorities.map((priority) => (
            <button key={priority} type="button" className="segmented__option" aria-pressed={shown[priority]} title={priorityWords[priority]} onClick={() => togglePriority(priority)}>
              {`${priority} (${findings.filter((finding) => finding.priority === priority).length})`}
            </button>
          ))}
        </div>
        <SendFindingsButton reviewedTaskId={reviewedTaskId} />
      </div>
      {visible.length > 0 ? (
        <ul className="findings__list" aria-label="Findings">
          {visible.map((finding) => (
            <FindingItem key={finding.id} finding={finding} />
          ))}
        </ul>
      ) : (
        <p className="muted">{findings.length === 0 ? 'No findings.' : 'No finding of the priorities shown.'}</p>
      )}
    </section>
  );
}

function SendFindingsButton({ reviewedTaskId }: { reviewedTaskId: string }) {
  const api = useBridge();
  const { pending, error, run } = useHostAction();
  const selected = useSelectedFindings(reviewedTaskId);
  const clearSelected = useReviewsStore((s) => s.clearSelected);
  const [sent, setSent] = useState<string | null>(null);
  const send = async () => {
    setSent(null);
    const result = await run(() => api.invoke('reviews.sendFindings', { findingIds: [...selected] }));
    if (result?.ok) {
      clearSelected(reviewedTaskId);
      setSent(`Sent ${result.data.sent} finding${result.data.sent === 1 ? '' : 's'} to the implementer (${result.data.delivery}).`);
    }
  };
  return (
    <div className="findings__send">
      <button type="button" className="button button--small button--primary" onClick={() => void send()} disabled={pending || selected.length === 0} aria-busy={pending}>
        {selected.length > 0 ? `Send ${selected.length} to implementer` : 'Send to implementer'}
      </button>
      {sent && (
        <span role="status" className="muted">
          {sent}
        </span>
      )}
      <InlineError message={error} />
    </div>
  );
}
