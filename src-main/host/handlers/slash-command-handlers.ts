import type { Services } from '../../services';
import type { HandlerTable } from '../dispatch';

type SlashMethods = Extract<keyof HandlerTable, `slash.${string}`>;

export function slashCommandHandlers(services: Services): Pick<HandlerTable, SlashMethods> {
  const { slashCommands } = services;
  return {
    'slash.list': (target) => slashCommands.list(target),
    'slash.run': ({ taskId, text }) => slashCommands.run(taskId, text),
  };
}
