import { useId } from 'react';

/**
 * "Merge anyway": while a gate (review, check) blocks the merge, the user's reason to go ahead,
 * kept with the merge and in the audit trail.
 */
export function MergeAnywayReason({ gates, reason, onReason }: { gates: readonly string[]; reason: string; onReason(reason: string): void }) {
  const id = useId();
  return (
    <div className="merge-anyway">
      <label htmlFor={id}>Reason to merge anyway</label>
      <input
        id={id}
        className="input"
        value={reason}
        onChange={(event) => onReason(event.target.value)}
        maxLength={2000}
        placeholder={`Why this merge goes ahead despite the ${gates.join(' and ')} gate${gates.length === 1 ? '' : 's'} (kept in the audit trail)`}
      />
    </div>
  );
}
