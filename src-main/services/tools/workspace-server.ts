import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { TaskServices } from '../background/background-services';
import type { CommandConfinement, CommandIsolation } from '../sandbox/command-isolation';
import { machineCommandIsolation } from '../sandbox/detect-isolation';
import { registerEditFile } from './edit-file';
import { registerGitTools } from './git-tools';
import { registerGlob } from './glob';
import { registerGrep } from './grep';
import { registerListDir } from './list-dir';
import { registerReadFile } from './read-file';
import { registerRunCommand } from './run-command';
import { registerServiceTools, runCommandServicesHint } from './service-tools';
import { createToolContext } from './tool-context';
import { registerTodoWrite, TodoList, type WorkspaceTodo } from './todo-write';
import { registerWriteFile } from './write-file';

export interface WorkspaceToolServerOptions {
  /** The task's worktree; every path any tool touches must stay inside it. */
  root: string;
  /** Terminal output of `run_command` as it arrives (raw, colours included), batched. */
  onCommandOutput?: (callId: string, chunk: string) => void;
  /** Default `run_command` timeout when the call gives none. Default 120 000. */
  commandTimeoutMs?: number;
  /** Characters of command output returned to the model (head and tail kept). Default 30 000. */
  commandOutputChars?: number;
  /** Between SIGTERM and SIGKILL when a command is stopped. Default 2000. */
  killGraceMs?: number;
  /** How often streamed output is flushed to `onCommandOutput`. Default 16. */
  outputFlushMs?: number;
  /** Extra environment for commands (e.g. a port reserved for the workspace). */
  commandEnv?: Record<string, string>;
  /** The todo list to start from, e.g. when a task resumes. */
  initialTodos?: readonly WorkspaceTodo[];
  /** Called with the whole list each time `todo_write` replaces it. */
  onTodos?: (todos: WorkspaceTodo[]) => void;
  /**
   * Asked each time a command or service starts: the sandbox it runs in (full auto, or a
   * project that always sandboxes), or null to run it unconfined. Asked per command because
   * the task's mode can change between two commands.
   */
  confinement?: () => CommandConfinement | null;
  /** How commands are isolated; default: detected for this machine, once per process. */
  isolation?: Promise<CommandIsolation>;
  /** The task's long-lived services; with it the server offers `start_service`, `list_services`, `stop_service`. */
  services?: TaskServices;
  /** Only these tools are registered (a planning task's server has no edit or command tool at all); default: every one. */
  tools?: readonly WorkspaceToolName[];
}

export const workspaceToolNames = [
  'read_file',
  'write_file',
  'edit_file',
  'list_dir',
  'glob',
  'grep',
  'run_command',
  'git_status',
  'git_diff',
  'todo_write',
] as const;
export type WorkspaceToolName = (typeof workspaceToolNames)[number];

/**
 * The built-in tools of one task, as an MCP server rooted at its worktree. One instance per
 * task; closing it stops any command still running.
 */
export function createWorkspaceToolServer(options: WorkspaceToolServerOptions): McpServer {
  const server = new McpServer({ name: 'braid-workspace', version: '1.0.0' }, { capabilities: { tools: {} } });
  const context = createToolContext(options.root);
  const closed = new AbortController();

  const offered = new Set<WorkspaceToolName>(options.tools ?? workspaceToolNames);
  if (offered.has('read_file')) registerReadFile(server, context);
  if (offered.has('write_file')) registerWriteFile(server, context);
  if (offered.has('edit_file')) registerEditFile(server, context);
  if (offered.has('list_dir')) registerListDir(server, context);
  if (offered.has('glob')) registerGlob(server, context);
  if (offered.has('grep')) registerGrep(server, context);
  const commandEnv = { ...options.commandEnv, BRAID_WORKSPACE: options.root, PAGER: 'cat', GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0' };
  if (offered.has('run_command')) {
    registerRunCommand(server, context, {
      env: commandEnv,
      isolation: options.isolation ?? machineCommandIsolation(),
      confinement: options.confinement,
      servicesHint: options.services ? runCommandServicesHint : undefined,
      defaultTimeoutMs: options.commandTimeoutMs ?? 120_000,
      maxOutputChars: options.commandOutputChars ?? 30_000,
      killGraceMs: options.killGraceMs ?? 2000,
      flushMs: options.outputFlushMs ?? 16,
      onCommandOutput: options.onCommandOutput,
      serverClosed: closed.signal,
    });
  }
  if (options.services) registerServiceTools(server, context, { services: options.services, env: commandEnv, confinement: options.confinement });
  registerGitTools(server, context, { status: offered.has('git_status'), diff: offered.has('git_diff') });
  if (offered.has('todo_write')) registerTodoWrite(server, new TodoList(options.initialTodos, options.onTodos));

  const previousOnClose = server.server.onclose;
  server.server.onclose = () => {
    closed.abort();
    previousOnClose?.();
  };
  return server;
}

/**
 * Connects a client to `server` inside this process over the SDK's linked in-memory
 * transports. Closing the client closes the server too.
 */
export async function connectInMemory(server: McpServer, clientName = 'braid-agent'): Promise<Client> {
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  const client = new Client({ name: clientName, version: '1.0.0' });
  await client.connect(clientTransport);
  return client;
}
