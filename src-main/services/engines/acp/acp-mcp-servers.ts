import type * as acp from '@agentclientprotocol/sdk';
import type { Task } from '../../../../src-shared/contract';
import { expandServerConfig, isStdioConfig, type Environment, type McpServerCatalog, type McpServerConfig } from '../../mcp';

/**
 * The task's MCP servers (app servers and the project's trusted `.mcp.json` servers, as Braid's
 * own agent gets them) in ACP's `session/new` shape, for the external agent to run itself.
 * Variables are expanded as the hub expands them; a server whose variables are missing, or whose
 * transport the agent does not take (`mcpCapabilities`), is left out and logged. A planning task
 * gets none, as Braid's own planning agent gets none.
 */
export async function acpMcpServersFor(
  task: Task,
  catalog: McpServerCatalog,
  env: Environment,
  transports: { http: boolean; sse: boolean },
  log?: (line: string) => void,
): Promise<acp.McpServer[]> {
  if (task.role === 'plan') return [];
  const { servers } = await catalog.serversForTask({ id: task.projectId, root: task.workspace.path });
  return servers.flatMap(({ config }) => {
    const expanded = expandServerConfig(config, env);
    if (!expanded.ok) {
      log?.(`[engines] MCP server ${config.name} left out for ${task.id}: ${expanded.error.message}`);
      return [];
    }
    const server = toAcp(expanded.data, transports);
    if (!server) log?.(`[engines] MCP server ${config.name} left out for ${task.id}: the agent does not take ${'type' in config ? config.type : 'this'} servers`);
    return server ? [server] : [];
  });
}

function toAcp(config: McpServerConfig, transports: { http: boolean; sse: boolean }): acp.McpServer | null {
  if (isStdioConfig(config)) {
    return {
      name: config.name,
      command: config.command,
      args: config.args ?? [],
      env: Object.entries(config.env ?? {}).map(([name, value]) => ({ name, value })),
    };
  }
  const headers = Object.entries(config.headers ?? {}).map(([name, value]) => ({ name, value }));
  if (config.type === 'http' && transports.http) return { type: 'http', name: config.name, url: config.url, headers };
  if (config.type === 'sse' && transports.sse) return { type: 'sse', name: config.name, url: config.url, headers };
  return null;
}
