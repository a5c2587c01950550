import { useId, useState } from 'react';
import { useBridge } from '../../../bridge/bridge-context';
import { InlineError } from '../../../ui/InlineError';
import { useHostAction } from '../../../ui/use-host-action';
import { decisionLine } from '../../permissions/permission-text';
import { useTasksStore } from '../../tasks/tasks-store';
import type { ApprovalItem } from '../timeline-items';
import { argsJson } from './tool-args';

/** The run waits on this card only while the task is live; otherwise Resume asks again. */
const answerableStatuses = new Set(['needs_approval', 'running']);

/**
 * A tool call the permission check wants a human for, with the rule that asked: approve once;
 * always allow in this project (the rule it will save shown and editable first); or deny with
 * a reason the model will read. Every button ignores a second click while the first is on its way.
 * `onToolCard`: shown inside the call's own card, which names the call; once answered only
 * the outcome stays.
 */
export function ApprovalCard({ item, taskId, onToolCard = false }: { item: ApprovalItem; taskId: string; onToolCard?: boolean }) {
  const pending = item.outcome.kind === 'pending';
  const label = pending ? `Approval needed: ${item.name}` : `Approval: ${item.name}`;
  if (onToolCard && !pending) {
    return (
      <section className={`approval-card approval-card--on-tool approval-card--${item.outcome.kind}`} aria-label={label}>
        <ApprovalOutcome item={item} />
      </section>
    );
  }
  return (
    <article className={`approval-card approval-card--${item.outcome.kind}${onToolCard ? ' approval-card--on-tool' : ''}`} aria-label={label}>
      <header className="approval-card__header">
        <span className="approval-card__title">{pending ? 'Approval needed' : 'Approval'}</span>
        <span className="mono">{item.name}</span>
      </header>
      <p className="approval-card__reason">{item.reason}</p>
      {item.rule && <p className="approval-card__rule muted">{decisionLine('ask', item.rule, item.source)}</p>}
      <pre className="tool-card__pre approval-card__args">{argsJson(item.args, 4_000)}</pre>
      {pending ? <ApprovalActions item={item} taskId={taskId} /> : <ApprovalOutcome item={item} />}
    </article>
  );
}

function ApprovalOutcome({ item }: { item: ApprovalItem }) {
  const { outcome } = item;
  if (outcome.kind === 'approved') {
    return (
      <p className="approval-card__outcome approval-card__outcome--approved">
        {outcome.savedRule ? `Approved; always allowed in this project by ${outcome.savedRule}` : 'Approved'}
      </p>
    );
  }
  if (outcome.kind === 'denied') {
    return (
      <p className="approval-card__outcome approval-card__outcome--denied">
        Denied{outcome.reason ? `: ${outcome.reason}` : ''}
      </p>
    );
  }
  return <p className="approval-card__outcome muted">No longer waiting: the task asked again after it resumed.</p>;
}

function ApprovalActions({ item, taskId }: { item: ApprovalItem; taskId: string }) {
  const api = useBridge();
  const live = useTasksStore((s) => answerableStatuses.has(s.byId[taskId]?.agent.status ?? ''));
  const { pending, error, run } = useHostAction();
  const [form, setForm] = useState<'none' | 'deny' | 'always'>('none');
  const [reason, setReason] = useState('');
  const [rule, setRule] = useState(item.suggestedRule ?? '');
  const [sent, setSent] = useState(false);
  const reasonId = useId();
  const ruleId = useId();
  const ruleHintId = useId();

  if (!live) return <p className="muted">The task is not running. Resume it to be asked again.</p>;

  const decide = async (approved: boolean, alwaysAllow: string | null = null) => {
    const result = await run(() => api.invoke('agent.decide', { taskId, callId: item.callId, approved, reason: approved ? null : reason.trim() || null, alwaysAllow }));
    // The decision event updates this card; until it arrives, the buttons stay disabled.
    if (result?.ok) setSent(true);
  };

  const busy = pending || sent;
  return (
    <div className="approval-card__actions">
      {form === 'none' && (
        <div className="approval-card__buttons">
          <button type="button" className="button button--primary" onClick={() => decide(true)} disabled={busy} aria-busy={pending}>
            Approve once
          </button>
          {item.suggestedRule !== null && (
            <button type="button" className="button" onClick={() => setForm('always')} disabled={busy}>
              Always allow in this project
            </button>
          )}
          <button type="button" className="button" onClick={() => setForm('deny')} disabled={busy}>
            Deny
          </button>
        </div>
      )}
      {form === 'always' && (
        <form
          className="approval-card__deny"
          onSubmit={(event) => {
            event.preventDefault();
            if (rule.trim() === '') return;
            void decide(true, rule.trim());
          }}
        >
          <label htmlFor={ruleId} className="field__label">
            Rule to save for this project
          </label>
          <input id={ruleId} className="input mono" value={rule} onChange={(e) => setRule(e.target.value)} aria-describedby={ruleHintId} autoFocus spellCheck={false} />
          <p id={ruleHintId} className="field__hint">
            Saved in Braid’s settings for this project (not in your repository). Calls it matches run without asking; edit it to be narrower or wider.
          </p>
          <div className="approval-card__buttons">
            <button type="submit" className="button button--primary" disabled={busy || rule.trim() === ''} aria-busy={pending}>
              Save rule and approve
            </button>
            <button type="button" className="button" onClick={() => setForm('none')} disabled={busy}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {form === 'deny' && (
        <form
          className="approval-card__deny"
          onSubmit={(event) => {
            event.preventDefault();
            void decide(false);
          }}
        >
          <label htmlFor={reasonId} className="field__label">
            Reason for the agent
          </label>
          <input
            id={reasonId}
            className="input"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder="Optional: what to do instead"
            autoFocus
          />
          <div className="approval-card__buttons">
            <button type="submit" className="button button--danger" disabled={busy} aria-busy={pending}>
              Send denial
            </button>
            <button type="button" className="button" onClick={() => setForm('none')} disabled={busy}>
              Cancel
            </button>
          </div>
        </form>
      )}
      <InlineError message={error} />
    </div>
  );
}
