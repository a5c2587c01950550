import { engineLabel, type Engine } from '../../../src-shared/contract';

/** Where the model picker would be: who does this task's work when it is an external agent. */
export function EngineBadge({ engine }: { engine: Engine }) {
  return (
    <span className="engine-badge" title="An external agent over the Agent Client Protocol: it uses the model it is set up with.">
      Engine: {engineLabel(engine)}
    </span>
  );
}
