import type { workspaceSetupMethods } from '../../../src-shared/contract';
import type { Services } from '../../services';
import type { HandlerTable } from '../dispatch';

type SetupMethods = keyof typeof workspaceSetupMethods;

export function workspaceSetupHandlers(services: Services): Pick<HandlerTable, SetupMethods> {
  const setup = services.workspaceSetup;
  return {
    'workspaces.setupConfig': ({ projectId }) => setup.config(projectId),
    'workspaces.trustSetup': ({ projectId, contentHash }) => setup.trust(projectId, contentHash),
    'workspaces.retrySetup': ({ taskId }) => setup.retry(taskId),
    'workspaces.startWithoutSetup': ({ taskId }) => setup.startWithoutSetup(taskId),
    'workspaces.runScript': ({ taskId }) => setup.runScript(taskId),
    'workspaces.setSetupSettings': ({ projectId, linkMode }) => setup.setLinkMode(projectId, linkMode),
  };
}

