import type { Services } from '../../services';
import type { HandlerTable } from '../dispatch';

type McpMethods = Extract<keyof HandlerTable, `mcp.${string}`>;

export function mcpHandlers({ mcp }: Services): Pick<HandlerTable, McpMethods> {
  return {
    'mcp.servers': ({ projectId }) => mcp.servers(projectId),
    'mcp.addServer': ({ config }) => mcp.addServer(config),
    'mcp.updateServer': ({ name, config }) => mcp.updateServer(name, config),
    'mcp.removeServer': ({ name }) => mcp.removeServer(name),
    'mcp.setEnabled': ({ ref, enabled }) => mcp.setEnabled(ref, enabled),
    'mcp.setToolEnabled': ({ ref, tool, enabled }) => mcp.setToolEnabled(ref, tool, enabled),
    'mcp.trust': ({ projectId, name }) => mcp.trust(projectId, name),
    'mcp.test': ({ ref }) => mcp.test(ref),
    'mcp.restart': ({ key }) => mcp.restart(key),
  };
}
