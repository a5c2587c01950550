import type { CheckGateState } from '../../../src-shared/contract';
import { CheckResult } from './CheckResult';
import './pipelines.css';

/** In the merge dialog: the check gate while it blocks (the project's check command did not pass on this work). */
export function CheckGateNotice({ gate }: { gate: CheckGateState }) {
  if (gate.verdict === 'clear' || !gate.check) return null;
  return (
    <section className="check-gate-notice" aria-label="Check gate">
      <p role="status">{gate.message}</p>
      <CheckResult check={gate.check} />
    </section>
  );
}
