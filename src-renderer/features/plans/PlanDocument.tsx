import { useId, useState } from 'react';
import type { AcceptanceCriterion, Plan, PlanComment, PlanStep } from '../../../src-shared/contract';

export interface Commenting {
  comments: readonly PlanComment[];
  add(comment: PlanComment): void;
  remove(index: number): void;
}

/**
 * A plan laid out for reading: summary, context, steps (files, dependencies, parallel group),
 * criteria with how each is verified, and the lists. `commenting` adds a comment button to every
 * step and criterion (a change request being prepared), with the drafted comments under each.
 * `compact` (the conversation's card) leaves out the details and the lists.
 */
export function PlanDocument({ plan, commenting, compact = false }: { plan: Plan; commenting?: Commenting; compact?: boolean }) {
  return (
    <div className={`plan-document${compact ? ' plan-document--compact' : ''}`}>
      <p className="plan-document__summary selectable">{plan.summary}</p>
      {!compact && plan.context && <Section title="Context" text={plan.context} />}
      {!compact && <List title="Assumptions" items={plan.assumptions} />}
      <h4 className="plan-document__heading">Steps</h4>
      <ol className="plan-document__steps" aria-label="Steps">
        {plan.steps.map((step) => (
          <StepItem key={step.id} step={step} compact={compact} commenting={commenting} />
        ))}
      </ol>
      {!compact && <List title="Constraints" items={plan.constraints} />}
      <h4 className="plan-document__heading">Acceptance criteria</h4>
      <ul className="plan-document__criteria" aria-label="Acceptance criteria">
        {plan.acceptanceCriteria.map((criterion) => (
          <CriterionItem key={criterion.id} criterion={criterion} commenting={commenting} />
        ))}
      </ul>
      {!compact && <List title="Risks" items={plan.risks} />}
      {!compact && <List title="Open questions" items={plan.openQuestions} />}
    </div>
  );
}

function StepItem({ step, compact, commenting }: { step: PlanStep; compact: boolean; commenting?: Commenting }) {
  return (
    <li className="plan-step" aria-label={`${step.id}. ${step.title}`}>
      <div className="plan-step__title">
        <span className="plan-id mono">{step.id}</span> <span className="selectable">{step.title}</span>
        {step.parallelGroup && <span className="tag">group {step.parallelGroup}</span>}
        {step.dependsOn.length > 0 && <span className="plan-step__after muted">after {step.dependsOn.join(', ')}</span>}
      </div>
      {!compact && step.detail && <p className="plan-step__detail selectable">{step.detail}</p>}
      {step.files.length > 0 && <p className="plan-step__files mono muted selectable">{step.files.join('  ')}</p>}
      {commenting && <TargetComments target={step.id} commenting={commenting} />}
    </li>
  );
}

function CriterionItem({ criterion, commenting }: { criterion: AcceptanceCriterion; commenting?: Commenting }) {
  const manual = criterion.verify.trim().toLowerCase() === 'manual';
  return (
    <li className="plan-criterion" aria-label={`${criterion.id}. ${criterion.text}`}>
      <div>
        <span className="plan-id mono">{criterion.id}</span> <span className="selectable">{criterion.text}</span>
      </div>
      <p className="plan-criterion__verify muted">
        Verify: {manual ? 'by hand' : <code className="selectable">{criterion.verify}</code>}
      </p>
      {commenting && <TargetComments target={criterion.id} commenting={commenting} />}
    </li>
  );
}

/** The drafted comments on one step or criterion, and the button to add one. */
export function TargetComments({ target, commenting }: { target: PlanComment['target']; commenting: Commenting }) {
  const [writing, setWriting] = useState(false);
  const [text, setText] = useState('');
  const inputId = useId();
  const drafted = commenting.comments.map((comment, index) => ({ comment, index })).filter(({ comment }) => comment.target === target);
  const name = target === 'plan' ? 'the whole plan' : target;
  const add = () => {
    if (!text.trim()) return;
    commenting.add({ target, text: text.trim() });
    setText('');
    setWriting(false);
  };
  return (
    <div className="plan-comments">
      {drafted.map(({ comment, index }) => (
        <p key={index} className="plan-comment">
          <span className="selectable">{comment.text}</span>{' '}
          <button type="button" className="button button--small button--danger-quiet" onClick={() => commenting.remove(index)} aria-label={`Remove comment on ${name}`}>
            Remove
          </button>
        </p>
      ))}
      {writing ? (
        <div className="plan-comment__form">
          <label htmlFor={inputId} className="visually-hidden">{`Comment on ${name}`}</label>
          <textarea id={inputId} className="input textarea" rows={2} value={text} onChange={(e) => setText(e.target.value)} autoFocus placeholder={`What should change in ${name}?`} />
          <div className="plan-actions">
            <button type="button" className="button button--small button--primary" onClick={add} disabled={!text.trim()}>
              Add comment
            </button>
            <button type="button" className="button button--small" onClick={() => setWriting(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="button button--small plan-comment__add" onClick={() => setWriting(true)}>
          {`Comment on ${name}`}
        </button>
      )}
    </div>
  );
}

function Section({ title, text }: { title: string; text: string }) {
  return (
    <>
      <h4 className="plan-document__heading">{title}</h4>
      <p className="plan-document__text selectable">{text}</p>
    </>
  );
}

function List({ title, items }: { title: string; items: readonly string[] }) {
  if (items.length === 0) return null;
  return (
    <>
      <h4 className="plan-document__heading">{title}</h4>
      <ul className="plan-document__list">
        {items.map((item, index) => (
          <li key={index} className="selectable">
            {item}
          </li>
        ))}
      </ul>
    </>
  );
}
