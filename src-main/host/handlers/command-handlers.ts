import { ok } from '../../../src-shared/contract';
import type { Services } from '../../services';
import type { HandlerTable } from '../dispatch';

type CommandMethods = Extract<keyof HandlerTable, `commands.${string}`>;

export function commandHandlers(services: Services): Pick<HandlerTable, CommandMethods> {
  const { commands } = services;
  return {
    'commands.isolation': async () => ok(await commands.isolation()),
    'commands.services': ({ taskId }) => commands.services(taskId),
    'commands.stopService': ({ taskId, serviceId }) => commands.stopService(taskId, serviceId),
  };
}
