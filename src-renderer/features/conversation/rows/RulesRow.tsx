import { GivenRulesList, RulesWarnings } from '../../rules/GivenRules';
import { rulesHeadline } from '../../rules/rules-text';
import type { RulesItem } from '../timeline-items';
import { Disclosure } from './Disclosure';

/** The rules the agent was given here (a run's start, or its first work on a path), with every cut or refusal visible. */
export function RulesRow({ item }: { item: RulesItem }) {
  return (
    <div className="rules-row" role="note" aria-label={item.trigger === 'run' ? 'Rules given at the start of the run' : `Rules given for ${item.path}`}>
      <Disclosure summary={rulesHeadline(item)}>{() => <GivenRulesList rules={item.rules} className="rules-row__list" />}</Disclosure>
      <RulesWarnings warnings={item.warnings} label="Rules warnings" className="rules-row__warnings" />
    </div>
  );
}
