import { ok } from '../../../src-shared/contract';
import type { Services } from '../../services';
import type { HandlerTable } from '../dispatch';

type RuleMethods = Extract<keyof HandlerTable, `rules.${string}`>;

export function ruleHandlers(services: Services): Pick<HandlerTable, RuleMethods> {
  const { rules } = services;
  return {
    'rules.forTask': ({ taskId }) => rules.forTask(taskId),
    'rules.personal': () => ok({ text: rules.personal() }),
    'rules.setPersonal': ({ text }) => rules.setPersonal(text),
  };
}
