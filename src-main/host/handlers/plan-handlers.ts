import type { Services } from '../../services';
import type { HandlerTable } from '../dispatch';

type PlanMethods = Extract<keyof HandlerTable, `plans.${string}` | `projects.pipelineSettings.${string}`>;

export function planHandlers(services: Services): Pick<HandlerTable, PlanMethods> {
  const { plans, pipelineSettings } = services;
  return {
    'plans.list': ({ taskId }) => plans.list(taskId),
    'plans.get': ({ taskId, version }) => plans.get(taskId, version),
    'plans.diff': ({ taskId, from, to }) => plans.diff(taskId, from, to),
    'plans.approve': ({ taskId, version }) => plans.approve(taskId, version),
    'plans.edit': ({ taskId, baseVersion, plan, approve }) => plans.edit(taskId, baseVersion, plan, approve),
    'plans.requestChanges': ({ taskId, version, message, comments }) => plans.requestChanges(taskId, version, message, comments),
    'plans.reject': ({ taskId, version, reason }) => plans.reject(taskId, version, reason),
    'plans.saveToRepository': (input) => plans.saveToRepository(input),
    'plans.implement': (input) => plans.implement(input),
    'plans.progress': ({ taskId, version }) => plans.progress(taskId, version),
    'plans.implementSummary': ({ taskId }) => plans.implementSummary(taskId),
    'projects.pipelineSettings.get': ({ projectId }) => pipelineSettings.read(projectId),
    'projects.pipelineSettings.set': ({ projectId, settings }) => pipelineSettings.set(projectId, settings),
  };
}
