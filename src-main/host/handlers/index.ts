import type { AppInfo } from '../../../src-shared/contract';
import type { Services } from '../../services';
import type { DesktopNotifications } from '../desktop-notifications';
import type { HandlerTable } from '../dispatch';
import { agentHandlers } from './agent-handlers';
import { auditHandlers } from './audit-handlers';
import { commandHandlers } from './command-handlers';
import { engineHandlers } from './engine-handlers';
import { editorHandlers } from './editor-handlers';
import { notificationHandlers } from './notification-handlers';
import { mcpHandlers } from './mcp-handlers';
import { mergeHandlers } from './merge-handlers';
import { mergeQueueHandlers } from './merge-queue-handlers';
import { modelHandlers } from './model-handlers';
import { permissionHandlers } from './permission-handlers';
import { pipelineHandlers } from './pipeline-handlers';
import { planHandlers } from './plan-handlers';
import { pullRequestHandlers } from './pull-request-handlers';
import { reviewHandlers } from './review-handlers';
import { reviewRoleHandlers } from './review-role-handlers';
import { ruleHandlers } from './rule-handlers';
import { slashCommandHandlers } from './slash-command-handlers';
import { terminalHandlers } from './terminal-handlers';
import { subagentHandlers } from './subagent-handlers';
import { workspaceHandlers } from './workspace-handlers';
import { workspaceSetupHandlers } from './workspace-setup-handlers';

export interface HandlerContext {
  services: Services;
  appInfo: AppInfo;
  pickFolder?: () => Promise<string | null>;
  /** Native notifications (desktop only). */
  notifications?: DesktopNotifications;
  /** The user clicked a notification of this task. */
  notificationClicked: (taskId: string) => void;
}

/** The one handler table both transports serve: thin adapters from the contract to services, by feature. */
export function createHandlers(context: HandlerContext): HandlerTable {
  return {
    ...workspaceHandlers(context),
    ...workspaceSetupHandlers(context.services),
    ...agentHandlers(context.services),
    ...modelHandlers(context.services),
    ...mcpHandlers(context.services),
    ...reviewHandlers(context.services),
    ...mergeHandlers(context.services),
    ...mergeQueueHandlers(context.services),
    ...commandHandlers(context.services),
    ...planHandlers(context.services),
    ...pipelineHandlers(context.services),
    ...reviewRoleHandlers(context.services),
    ...auditHandlers(context.services),
    ...terminalHandlers(context.services),
    ...permissionHandlers(context.services),
    ...pullRequestHandlers(context.services),
    ...engineHandlers(context.services),
    ...editorHandlers(context.services),
    ...notificationHandlers(context.notifications, context.notificationClicked),
    ...ruleHandlers(context.services),
    ...slashCommandHandlers(context.services),
    ...subagentHandlers(context.services),
  };
}
