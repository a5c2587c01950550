import type { Services } from '../../services';
import type { HandlerTable } from '../dispatch';

type QueueMethods = Extract<keyof HandlerTable, `mergeQueue.${string}`>;

export function mergeQueueHandlers(services: Services): Pick<HandlerTable, QueueMethods> {
  const { mergeQueue } = services;
  return {
    'mergeQueue.list': ({ projectId }) => mergeQueue.list(projectId),
    'mergeQueue.add': (request) => mergeQueue.add(request),
    'mergeQueue.remove': ({ entryId }) => mergeQueue.remove(entryId),
    'mergeQueue.move': ({ entryId, toIndex }) => mergeQueue.move(entryId, toIndex),
    'mergeQueue.pause': ({ projectId, targetBranch }) => mergeQueue.pause(projectId, targetBranch),
    'mergeQueue.resume': ({ projectId, targetBranch }) => mergeQueue.resume(projectId, targetBranch),
    'mergeQueue.trustGate': ({ projectId, targetBranch, contentHash }) => mergeQueue.trustGate(projectId, targetBranch, contentHash),
    'mergeQueue.log': ({ entryId }) => mergeQueue.log(entryId),
    'mergeQueue.sendFailure': ({ entryId }) => mergeQueue.sendFailure(entryId),
    'mergeQueue.settings': ({ projectId }) => mergeQueue.settings(projectId),
    'mergeQueue.setSettings': ({ projectId, ...changes }) => mergeQueue.setSettings(projectId, changes),
  };
}
