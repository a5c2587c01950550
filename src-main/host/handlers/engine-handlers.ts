import { ok } from '../../../src-shared/contract';
import type { Services } from '../../services';
import type { HandlerTable } from '../dispatch';

type EngineMethods = Extract<keyof HandlerTable, `engines.${string}`>;

export function engineHandlers(services: Services): Pick<HandlerTable, EngineMethods> {
  return {
    'engines.list': async () => ok(await services.engines.list()),
  };
}
