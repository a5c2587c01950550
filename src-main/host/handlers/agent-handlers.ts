import { ok } from '../../../src-shared/contract';
import type { Services } from '../../services';
import type { HandlerTable } from '../dispatch';

type AgentMethods = Extract<keyof HandlerTable, `agent.${string}` | `agents.${string}`>;

export function agentHandlers(services: Services): Pick<HandlerTable, AgentMethods> {
  const { agents } = services;
  return {
    'agent.history': ({ taskId, beforeSeq, limit }) => agents.history(taskId, beforeSeq, limit),
    // A plain message, sent as it is; slash commands run through `slash.run`.
    'agent.send': ({ taskId, text }) => agents.send(taskId, text),
    'agent.stop': ({ taskId }) => agents.stop(taskId),
    'agent.resume': ({ taskId }) => agents.resume(taskId),
    'agent.decide': ({ taskId, callId, approved, reason, alwaysAllow }) => agents.decide(taskId, callId, approved, reason, alwaysAllow),
    'agent.setPermissionMode': ({ taskId, mode }) => services.permissions.setTaskMode(taskId, mode),
    'agent.answer': ({ taskId, callId, answer }) => agents.answer(taskId, callId, answer),
    'agent.setModel': ({ taskId, model }) => agents.setModel(taskId, model),
    'agent.setLimits': ({ taskId, maxSteps, maxCostUsd }) => agents.setLimits(taskId, maxSteps, maxCostUsd),
    'agent.compact': ({ taskId }) => agents.compactNow(taskId),
    'agents.settings': () => ok({ concurrency: agents.concurrency }),
    'agents.setConcurrency': ({ concurrency }) => {
      agents.setConcurrency(concurrency);
      services.settings.set('agents.concurrency', concurrency);
      return ok({ concurrency: agents.concurrency });
    },
  };
}
