import type { Services } from '../../services';
import type { HandlerTable } from '../dispatch';

type PermissionMethods = Extract<keyof HandlerTable, `permissions.${string}`>;

export function permissionHandlers(services: Services): Pick<HandlerTable, PermissionMethods> {
  const { permissions } = services;
  return {
    'permissions.overview': ({ projectId }) => permissions.overview(projectId ?? null),
    'permissions.saveRules': ({ scope, projectId, rules }) => permissions.saveRules(scope, projectId ?? null, rules),
    'permissions.setRoleDefault': ({ role, mode }) => permissions.setRoleDefault(role, mode),
    'permissions.setProjectDefaults': ({ projectId, defaultMode, sandbox }) => permissions.setProjectDefaults(projectId, { defaultMode, sandbox }),
    'permissions.trustFile': ({ projectId, source, contentHash }) => permissions.trustFile(projectId, source, contentHash),
    'permissions.confirmUnsandboxed': ({ projectId }) => permissions.confirmUnsandboxed(projectId),
    'permissions.explain': (input) => permissions.explain(input),
  };
}
