import type { Services } from '../../services';
import type { HandlerTable } from '../dispatch';

type AuditMethods = Extract<keyof HandlerTable, `audit.${string}`>;

export function auditHandlers(services: Services): Pick<HandlerTable, AuditMethods> {
  const { audit } = services;
  return {
    'audit.list': (args) => audit.list(args),
    'audit.export': (args) => audit.export(args),
    'audit.verify': ({ projectId }) => audit.verify(projectId),
  };
}
