import { createHash } from 'node:crypto';
import type { JSONSchema7 } from 'ai';
import type { Task } from '../../../src-shared/contract';
import type { McpHub, McpServerCatalog } from '../mcp';
import type { ExternalTools, ToolDefinition } from './toolset';
import { contentToText } from './workspace-toolset';

/** Providers accept tool names matching this (OpenAI is the strictest). */
const providerToolName = /^[a-zA-Z0-9_-]{1,64}$/;

/** `mcp__server__tool` made safe for every provider; long or odd names get a short hash. */
export function modelSafeToolName(qualified: string): string {
  if (providerToolName.test(qualified)) return qualified;
  const cleaned = qualified.replace(/[^a-zA-Z0-9_-]/g, '_');
  if (cleaned.length <= 64) return cleaned;
  const hash = createHash('sha256').update(qualified).digest('hex').slice(0, 8);
  return `${cleaned.slice(0, 55)}_${hash}`;
}

/**
 * The user's MCP servers for one task: app servers plus the trusted servers of the project's
 * `.mcp.json` (read from the task's worktree, so they run against the task's files). The task
 * holds them while its run lasts; the hub stops them when no task needs them.
 */
export async function mcpToolsForTask(hub: McpHub, catalog: McpServerCatalog, task: Task): Promise<ExternalTools> {
  const { servers } = await catalog.serversForTask({ id: task.projectId, root: task.workspace.path });
  if (servers.length > 0) await hub.acquire(task.id, servers);
  const byModelName = new Map<string, string>();
  return {
    async definitions() {
      if (servers.length === 0) return [];
      return hub.listTools(task.id).map((tool): ToolDefinition => {
        const name = modelSafeToolName(tool.name);
        byModelName.set(name, tool.name);
        return { name, description: tool.description ?? `${tool.tool} (MCP server ${tool.server})`, inputSchema: tool.inputSchema as JSONSchema7 };
      });
    },
    handles: (name) => byModelName.has(name),
    async call(name, args, { signal }) {
      const qualified = byModelName.get(name);
      if (!qualified) return { isError: true, text: `There is no tool named "${name}".` };
      if (args === null || typeof args !== 'object' || Array.isArray(args)) return { isError: true, text: `The arguments for ${name} must be a JSON object.` };
      const result = await hub.callTool(task.id, qualified, args as Record<string, unknown>, { signal });
      return { isError: result.isError === true, text: contentToText(result.content) };
    },
    async close() {
      if (servers.length > 0) await hub.release(task.id);
    },
  };
}
