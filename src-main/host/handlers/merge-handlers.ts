import type { Services } from '../../services';
import type { HandlerTable } from '../dispatch';

type MergeMethods = Extract<keyof HandlerTable, `merge.${string}` | `radar.${string}`>;

export function mergeHandlers(services: Services): Pick<HandlerTable, MergeMethods> {
  const { merges } = services;
  return {
    'merge.preview': (request) => merges.preview(request),
    'merge.run': (request) => merges.run(request),
    'merge.conflicts': ({ mergeId }) => merges.conflicts(mergeId),
    'merge.resolve': ({ mergeId, resolutions }) => merges.resolve(mergeId, resolutions),
    'merge.abort': ({ mergeId }) => merges.abort(mergeId),
    'merge.askAgent': ({ taskId, mergeId }) => merges.askAgent(taskId, mergeId),
    'merge.archive': ({ taskId, keepBranch, withSharedTasks }) => merges.archive(taskId, keepBranch, withSharedTasks),
    'radar.get': ({ projectId }) => services.radar.get(projectId),
  };
}
