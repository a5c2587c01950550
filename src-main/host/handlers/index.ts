import type { AppInfo } from '../../../src-shared/contract';
import type { Services } from '../../services';
import type { HandlerTable } from '../dispatch';
import { agentHandlers } from './agent-handlers';
import { auditHandlers } from './audit-handlers';
import { commandHandlers } from './command-handlers';
import { engineHandlers } from './engine-handlers';
import { mcpHandlers } from './mcp-handlers';
import { mergeHandlers } from './merge-handlers';
import { modelHandlers } from './model-handlers';
import { permissionHandlers } from './permission-handlers';
import { planHandlers } from './plan-handlers';
import { reviewHandlers } from './review-handlers';
import { workspaceHandlers } from './workspace-handlers';

export interface HandlerContext {
  services: Services;
  appInfo: AppInfo;
  pickFolder?: () => Promise<string | null>;
}

/** The one handler table both transports serve: thin adapters from the contract to services, by feature. */
export function createHandlers(context: HandlerContext): HandlerTable {
  return {
    ...workspaceHandlers(context),
    ...agentHandlers(context.services),
    ...modelHandlers(context.services),
    ...mcpHandlers(context.services),
    ...reviewHandlers(context.services),
    ...mergeHandlers(context.services),
    ...commandHandlers(context.services),
    ...planHandlers(context.services),
    ...auditHandlers(context.services),
    ...permissionHandlers(context.services),
    ...engineHandlers(context.services),
  };
}
