import type { Services } from '../../services';
import type { HandlerTable } from '../dispatch';

type PipelineMethods = Extract<keyof HandlerTable, `pipelines.${string}`>;

export function pipelineHandlers(services: Services): Pick<HandlerTable, PipelineMethods> {
  const { pipelines } = services;
  return {
    'pipelines.create': (input) => pipelines.create(input),
    'pipelines.list': ({ projectId }) => pipelines.list(projectId),
    'pipelines.get': ({ pipelineId }) => pipelines.get(pipelineId),
    'pipelines.runCheck': ({ taskId }) => pipelines.runCheck(taskId),
  };
}
