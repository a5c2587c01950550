import { ruleSummary, rulesHeadline } from '../../rules/rules-text';
import type { RulesItem } from '../timeline-items';
import { Disclosure } from './Disclosure';

/** The rules the agent was given here (a run's start, or its first work on a path), with every cut or refusal visible. */
export function RulesRow({ item }: { item: RulesItem }) {
  return (
    <div className="rules-row" role="note" aria-label={item.trigger === 'run' ? 'Rules given at the start of the run' : `Rules given for ${item.path}`}>
      <Disclosure summary={rulesHeadline(item)}>
        {() => (
          <ul className="rules-row__list">
            {item.rules.map((rule) => (
              <li key={rule.file}>{ruleSummary(rule)}</li>
            ))}
          </ul>
        )}
      </Disclosure>
      {item.warnings.length > 0 && (
        <ul className="rules-row__warnings" aria-label="Rules warnings">
          {item.warnings.map((warning) => (
            <li key={warning}>⚠ {warning}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
