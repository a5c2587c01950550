import type { Services } from '../../services';
import type { HandlerTable } from '../dispatch';

type SubagentMethods = Extract<keyof HandlerTable, `subagents.${string}`>;

export function subagentHandlers(services: Services): Pick<HandlerTable, SubagentMethods> {
  const { subagents } = services;
  return {
    'subagents.definitions': ({ projectId }) => subagents.definitions(projectId ?? null),
    'subagents.saveDefinition': ({ projectId, source, previousFile, definition }) =>
      subagents.save({ projectId: projectId ?? null, source, ...(previousFile !== undefined ? { previousFile } : {}), definition }),
  };
}
