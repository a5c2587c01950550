import { ok } from '../../../src-shared/contract';
import { costOf, isTransientProviderError, type ModelService } from '../models';
import type { AgentModels } from './agent-service-options';

/** The agent loop's view of the model service: a resolved model with its window and prices. */
export function agentModelsFrom(models: ModelService): AgentModels {
  return {
    async resolve(ref, role) {
      const resolved = await models.resolveModel(ref, role);
      if (!resolved.ok) return resolved;
      const { model, ref: resolvedRef, promptCaching, info, lastResponse } = resolved.data;
      return ok({
        model,
        ref: resolvedRef,
        promptCaching,
        contextWindow: info.contextWindow,
        costOf: (usage) => costOf(usage, info),
        lastResponse,
      });
    },
    classifyError: (error) => isTransientProviderError(error),
  };
}
