import type { UnplannedChange } from '../../../src-shared/contract';
import './implement.css';

/** Where an unplanned change belongs: another task's step, or no step of the plan. */
export function unplannedReason(change: UnplannedChange): string {
  if (change.otherSteps.length === 0) return 'no step of the plan names it';
  return `belongs to ${change.otherSteps.map((step) => `${step.stepId}${step.taskTitle ? ` (task “${step.taskTitle}”)` : ' (no task)'}`).join(', ')}`;
}

/**
 * The files an implement task changed that none of its steps names (drift from its plan), each
 * with where it belongs instead: shown in the task's summary and in DiffLens.
 */
export function UnplannedChanges({ changes, onOpen }: { changes: readonly UnplannedChange[]; onOpen?(path: string): void }) {
  return (
    <section className="unplanned" aria-label="Unplanned changes">
      <h4 className="plan-document__heading">{changes.length === 0 ? 'No unplanned changes' : `Unplanned changes: ${changes.length}`}</h4>
      {changes.length > 0 && (
        <ul className="unplanned__list">
          {changes.map((change) => (
            <li key={change.path} aria-label={change.path}>
              {onOpen ? (
                <button type="button" className="link-button mono" onClick={() => onOpen(change.path)}>
                  {change.path}
                </button>
              ) : (
                <span className="mono selectable">{change.path}</span>
              )}{' '}
              <span className="muted">{unplannedReason(change)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
