import type { StepChecklistItem, StepStatus } from '../../../src-shared/contract';

/** A step's status in words, and its mark (never colour alone). */
export const stepStatusLabels: Record<StepStatus, string> = { pending: 'pending', in_progress: 'in progress', done: 'done', skipped: 'skipped' };
const marks: Record<StepStatus, string> = { pending: '○', in_progress: '◐', done: '✓', skipped: '–' };

/** An implement task's steps as a checklist: id, title, status, the agent's note. */
export function StepChecklist({ steps, label }: { steps: readonly StepChecklistItem[]; label: string }) {
  return (
    <ul className="step-checklist" aria-label={label}>
      {steps.map((step) => (
        <li key={step.stepId} className={`step-checklist__item step-checklist__item--${step.status}`} aria-label={`${step.stepId}. ${step.title}`}>
          <span className="step-checklist__mark" aria-hidden="true">
            {marks[step.status]}
          </span>
          <span className="step-checklist__text">
            <span className="plan-id">{step.stepId}</span> {step.title}{' '}
            <span className={`badge badge--step-${step.status}`}>{stepStatusLabels[step.status]}</span>
            {step.note && <span className="step-checklist__note selectable">{step.note}</span>}
          </span>
        </li>
      ))}
    </ul>
  );
}
