import { ok } from '../../../src-shared/contract';
import type { Services } from '../../services';
import type { HandlerTable } from '../dispatch';

type ModelMethods = Extract<keyof HandlerTable, `models.${string}`>;

export function modelHandlers({ models }: Services): Pick<HandlerTable, ModelMethods> {
  return {
    'models.overview': async () =>
      ok({ providers: await models.listProviders(), presets: models.listPresets(), roleDefaults: await models.roleDefaults() }),
    'models.saveProvider': (input) => models.saveProvider(input),
    'models.removeProvider': ({ providerId }) => models.removeProvider(providerId),
    'models.setApiKey': ({ providerId, key }) => models.setApiKey(providerId, key),
    'models.removeApiKey': ({ providerId }) => models.removeApiKey(providerId),
    'models.setRoleDefault': ({ role, model }) => models.setRoleDefault(role, model),
    'models.testConnection': ({ providerId, modelId }) => models.testConnection(providerId, modelId),
    'models.detectOllama': async () => ok(await models.detectOllama()),
  };
}
