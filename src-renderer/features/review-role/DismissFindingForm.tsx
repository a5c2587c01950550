import { useId, useState } from 'react';
import type { ReviewFinding } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { useHostAction } from '../../ui/use-host-action';

/** Sets a finding aside with the reason (kept on the finding and in the audit trail). */
export function DismissFindingForm({ finding, onDone }: { finding: ReviewFinding; onDone(): void }) {
  const api = useBridge();
  const { pending, error, run, setError } = useHostAction();
  const [reason, setReason] = useState('');
  const reasonId = useId();
  const dismiss = async () => {
    if (reason.trim() === '') {
      setError('Say why the finding is dismissed.');
      return;
    }
    const result = await run(() => api.invoke('reviews.dismissFinding', { findingId: finding.id, reason }));
    if (result?.ok) onDone();
  };
  return (
    <form
      className="finding-dismiss"
      aria-label={`Dismiss “${finding.title}”`}
      onSubmit={(event) => {
        event.preventDefault();
        void dismiss();
      }}
    >
      <label htmlFor={reasonId}>Why dismiss it?</label>
      <input id={reasonId} className="input" value={reason} onChange={(event) => setReason(event.target.value)} maxLength={2000} autoFocus />
      <InlineError message={error} />
      <div className="finding-dismiss__actions">
        <button type="submit" className="button button--small button--danger-quiet" disabled={pending} aria-busy={pending}>
          Dismiss finding
        </button>
        <button type="button" className="button button--small" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
