import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { JSONSchema7 } from 'ai';
import type { Task, TimelineEventBody } from '../../../src-shared/contract';
import type { TaskServices } from '../background/background-services';
import type { CommandConfinement } from '../sandbox/command-isolation';
import { callIdMetaKey, connectInMemory, createWorkspaceToolServer } from '../tools';
import { usesOutsideTools, workspaceToolsFor } from './role-tools';
import type { AgentToolset, ExternalTools, ToolCallOptions, ToolDefinition, ToolOutcome } from './toolset';

/**
 * A task's toolset, by its role (`role-tools.ts`): the built-in workspace server (in process,
 * over MCP's in-memory transport, rooted at the task's worktree) with the role's tools, plus the
 * user's MCP servers and the long-lived services tools when the role may use them. `external`
 * is only asked for then, so a planning task never starts the user's servers.
 */
export async function createWorkspaceToolset(
  task: Task,
  options: {
    external?: () => Promise<ExternalTools>;
    record?: (body: TimelineEventBody) => void;
    commandTimeoutMs?: number;
    services?: TaskServices;
    /** The sandbox each command and service starts in (asked per command: the task's mode may change). */
    confinement?: () => CommandConfinement | null;
    /** The workspace's variables for every command and service (`BRAID_PORT`, `BRAID_WORKSPACE_PATH`, ...). */
    commandEnv?: Record<string, string>;
  } = {},
): Promise<AgentToolset> {
  const outside = usesOutsideTools(task.role);
  const external = outside && options.external ? await options.external() : undefined;
  const outputByCall = new Map<string, (chunk: string) => void>();
  const server = createWorkspaceToolServer({
    root: task.workspace.path,
    commandTimeoutMs: options.commandTimeoutMs,
    onCommandOutput: (callId, chunk) => outputByCall.get(callId)?.(chunk),
    onTodos: (todos) => options.record?.({ kind: 'todos', todos }),
    services: outside ? options.services : undefined,
    confinement: options.confinement,
    commandEnv: options.commandEnv,
    tools: workspaceToolsFor(task.role),
  });
  const client: Client = await connectInMemory(server);

  const own = new Set<string>();
  return {
    async definitions() {
      const listed = await client.listTools();
      const definitions: ToolDefinition[] = listed.tools.map((tool) => {
        own.add(tool.name);
        return { name: tool.name, description: tool.description ?? tool.name, inputSchema: tool.inputSchema as JSONSchema7 };
      });
      if (external) definitions.push(...(await external.definitions()));
      return definitions;
    },
    async call(name, args, callOptions) {
      if (own.has(name)) return callWorkspaceTool(client, outputByCall, name, args, callOptions);
      if (external?.handles(name)) return external.call(name, args, callOptions);
      return { isError: true, text: `There is no tool named "${name}". Use one of the tools you were given.` };
    },
    async close() {
      await client.close().catch(() => undefined);
      await external?.close();
    },
  };
}

async function callWorkspaceTool(
  client: Client,
  outputByCall: Map<string, (chunk: string) => void>,
  name: string,
  args: unknown,
  { callId, signal, onOutput }: ToolCallOptions,
): Promise<ToolOutcome> {
  if (args === null || typeof args !== 'object' || Array.isArray(args)) {
    return { isError: true, text: `The arguments for ${name} must be a JSON object.` };
  }
  outputByCall.set(callId, onOutput);
  try {
    const result = await client.callTool({ name, arguments: args as Record<string, unknown>, _meta: { [callIdMetaKey]: callId } }, undefined, {
      signal,
      // Commands have their own timeout (and may run long); the SDK's default 60 s would cut them short.
      timeout: 15 * 60_000,
    });
    return { isError: result.isError === true, text: contentToText(result.content) };
  } catch (error) {
    if (signal.aborted) return { isError: true, text: 'Cancelled.' };
    return { isError: true, text: `The tool ${name} failed: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    outputByCall.delete(callId);
  }
}

/** MCP content as the text a model reads; non-text parts are named, not dropped silently. */
export function contentToText(content: unknown): string {
  if (!Array.isArray(content)) return '';
  return content
    .map((part: { type?: string; text?: string; mimeType?: string; resource?: { uri?: string; text?: string } }) => {
      if (part.type === 'text') return part.text ?? '';
      if (part.type === 'resource') return part.resource?.text ?? `[resource ${part.resource?.uri ?? ''}]`;
      return `[${part.type ?? 'unknown'} content${part.mimeType ? ` (${part.mimeType})` : ''}]`;
    })
    .join('\n');
}
