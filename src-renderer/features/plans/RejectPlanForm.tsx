import { useId, useState } from 'react';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { useHostAction } from '../../ui/use-host-action';
import { usePlansStore } from './plans-store';

/** Rejects a version with a reason; the task ends. */
export function RejectPlanForm({ taskId, version }: { taskId: string; version: number }) {
  const api = useBridge();
  const setPanel = usePlansStore((s) => s.setPanel);
  const { pending, error, run, setError } = useHostAction();
  const [reason, setReason] = useState('');
  const reasonId = useId();
  const reject = async () => {
    if (!reason.trim()) {
      setError('Give a reason.');
      return;
    }
    const result = await run(() => api.invoke('plans.reject', { taskId, version, reason: reason.trim() }));
    if (result?.ok) setPanel(taskId, { mode: 'view', selected: null });
  };
  return (
    <section className="plan-form" aria-label={`Reject plan v${version}`}>
      <label htmlFor={reasonId} className="field__label">
        Why reject it?
      </label>
      <input id={reasonId} className="input" value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
      <div className="plan-actions">
        <button type="button" className="button button--danger" onClick={() => void reject()} disabled={pending} aria-busy={pending}>
          Reject plan
        </button>
        <button type="button" className="button" onClick={() => setPanel(taskId, { mode: 'view' })} disabled={pending}>
          Cancel
        </button>
      </div>
      <InlineError message={error} />
    </section>
  );
}
