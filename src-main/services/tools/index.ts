/** The built-in workspace tools: an in-process MCP server per task, rooted at its worktree. */
export {
  createWorkspaceToolServer,
  connectInMemory,
  workspaceToolNames,
  type WorkspaceToolName,
  type WorkspaceToolServerOptions,
} from './workspace-server';
export { callIdMetaKey } from './run-command';
export { serviceToolNames } from './service-tools';
export type { WorkspaceTodo } from './todo-write';
