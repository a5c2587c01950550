import type { PlanDecisionItem } from '../conversation/timeline-items';
import { decisionLine } from './plan-text';

/** The user's decision on a version, as a separator line in the conversation. */
export function PlanDecisionLine({ item }: { item: PlanDecisionItem }) {
  return (
    <p className={`status-line plan-decision-line plan-decision-line--${item.decision}`}>
      <span>{decisionLine(item.version, item.decision, item.message)}</span>
    </p>
  );
}
