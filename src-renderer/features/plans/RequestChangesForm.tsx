import { useId, useState } from 'react';
import type { PlanVersion } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { useHostAction } from '../../ui/use-host-action';
import { TargetComments, type Commenting } from './PlanDocument';
import { usePlansStore } from './plans-store';

/**
 * A change request: a message for the agent plus the comments drafted on steps and criteria
 * (in the plan above) or on the whole plan. Sent as one message; the agent revises the plan.
 */
export function RequestChangesForm({ taskId, version, commenting }: { taskId: string; version: PlanVersion; commenting: Commenting }) {
  const api = useBridge();
  const setPanel = usePlansStore((s) => s.setPanel);
  const { pending, error, run, setError } = useHostAction();
  const [message, setMessage] = useState('');
  const messageId = useId();
  const count = commenting.comments.length;

  const send = async () => {
    if (!message.trim() && count === 0) {
      setError('Say what to change: write a message or comment on a step or criterion.');
      return;
    }
    const result = await run(() => api.invoke('plans.requestChanges', { taskId, version: version.version, message: message.trim(), comments: [...commenting.comments] }));
    // The revision will be the latest version: the panel follows it.
    if (result?.ok) setPanel(taskId, { mode: 'view', comments: [], selected: null });
  };

  return (
    <section className="plan-form" aria-label={`Request changes to plan v${version.version}`}>
      <p className="muted">Comment on single steps or criteria with their buttons above, or on the plan as a whole here.</p>
      <TargetComments target="plan" commenting={commenting} />
      <label htmlFor={messageId} className="field__label">
        Message to the agent
      </label>
      <textarea id={messageId} className="input textarea" rows={3} value={message} onChange={(e) => setMessage(e.target.value)} placeholder="What should the next version do differently?" />
      <div className="plan-actions">
        <button type="button" className="button button--primary" onClick={() => void send()} disabled={pending} aria-busy={pending}>
          {count > 0 ? `Send to agent (${count} comment${count === 1 ? '' : 's'})` : 'Send to agent'}
        </button>
        <button type="button" className="button" onClick={() => setPanel(taskId, { mode: 'view', comments: [] })} disabled={pending}>
          Cancel
        </button>
      </div>
      <InlineError message={error} />
    </section>
  );
}
