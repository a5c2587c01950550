import type { Services } from '../../services';
import type { HandlerTable } from '../dispatch';

type PullRequestMethods = Extract<keyof HandlerTable, `pullRequests.${string}`>;

export function pullRequestHandlers(services: Services): Pick<HandlerTable, PullRequestMethods> {
  const { pullRequests } = services;
  return {
    'pullRequests.context': ({ taskId }) => pullRequests.context(taskId),
    'pullRequests.open': (request) => pullRequests.open(request),
    'pullRequests.refresh': ({ taskId }) => pullRequests.refresh(taskId),
  };
}
