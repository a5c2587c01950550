import type { Prompt } from '@modelcontextprotocol/sdk/types.js';
import { fail, ok, type Result } from '../../../src-shared/contract/result';
import { McpConnection, serverKey, type ConnectionOptions } from './connection';
import {
  defaultRestartPolicy,
  type CallToolOptions,
  type CallToolResult,
  type ElicitationHandler,
  type GetPromptResult,
  type HubServer,
  type McpPromptInfo,
  type McpServerStatus,
  type McpToolInfo,
  type RestartPolicy,
} from './hub-types';
import type { McpServerConfig } from './server-config';
import type { Environment } from './variable-expansion';

export interface McpHubOptions {
  /** For `${VAR}` expansion; defaults to `process.env`. */
  env?: Environment;
  clientInfo?: { name: string; version: string };
  onStatus?: (status: McpServerStatus) => void;
  /** A server's tool list changed (list_changed, crash, restart); these holders should re-list. */
  onToolsChanged?: (holderIds: string[]) => void;
  /** Shows a server's elicitation request to the user; without it every request is declined. */
  onElicitation?: ElicitationHandler;
  restartPolicy?: Partial<RestartPolicy>;
  /** How long an unused server keeps running before it is stopped; 0 stops it at once. */
  idleStopMs?: number;
  /** Between SIGTERM and SIGKILL, per level of the process tree. */
  killGraceMs?: number;
  connectTimeoutMs?: number;
  toolTimeoutMs?: number;
}

export const MCP_TOOL_PREFIX = 'mcp__';

export function qualifiedToolName(server: string, tool: string): string {
  return `${MCP_TOOL_PREFIX}${server}__${tool}`;
}

interface HeldServer {
  key: string;
  disabledTools: ReadonlySet<string>;
}

/**
 * Runs the user's MCP servers for the tasks that need them. A holder (a task) `acquire`s the
 * servers it may use; a server starts on its first holder and stops, with its whole process
 * tree, when the last one `release`s it, and everything stops on `close()`.
 */
export class McpHub {
  private readonly connections = new Map<string, McpConnection>();
  private readonly holders = new Map<string, Map<string, HeldServer>>();
  private readonly idleTimers = new Map<string, NodeJS.Timeout>();
  private readonly stopping = new Set<Promise<void>>();
  private readonly connectionOptions: Omit<ConnectionOptions, 'onToolsChanged' | 'autoRestart'>;
  private closed = false;

  constructor(private readonly options: McpHubOptions = {}) {
    this.connectionOptions = {
      clientInfo: options.clientInfo ?? { name: 'braid', version: '0.1.0' },
      env: options.env ?? process.env,
      restartPolicy: { ...defaultRestartPolicy, ...options.restartPolicy },
      killGraceMs: options.killGraceMs ?? 2_000,
      connectTimeoutMs: options.connectTimeoutMs ?? 30_000,
      toolTimeoutMs: options.toolTimeoutMs ?? 10 * 60_000,
      onStatus: (status) => options.onStatus?.(status),
      ...(options.onElicitation && { onElicitation: options.onElicitation }),
    };
  }

  /**
   * Gives `holderId` these servers (replacing what it held before) and starts the ones not yet
   * running. Resolves once each is ready or failed; a failed server is reported, not thrown.
   */
  async acquire(holderId: string, servers: readonly HubServer[]): Promise<McpServerStatus[]> {
    if (this.closed) return servers.map(({ config }) => closedStatus(config));
    const held = new Map<string, HeldServer>();
    for (const { config, disabledTools } of servers) {
      held.set(config.name, { key: serverKey(config), disabledTools: new Set(disabledTools ?? []) });
    }
    this.holders.set(holderId, held);
    const wanted = servers.map(({ config }) => this.connectionFor(config));
    await Promise.all(wanted.map((connection) => connection.start()));
    await this.stopUnused();
    return wanted.map((connection) => connection.status());
  }

  /** The holder no longer needs its servers; those nobody else holds are stopped. */
  async release(holderId: string): Promise<void> {
    if (!this.holders.delete(holderId)) return;
    await this.stopUnused();
  }

  /** The tools of the holder's ready servers, minus disabled ones, named for the model. */
  listTools(holderId: string): McpToolInfo[] {
    const tools: McpToolInfo[] = [];
    for (const [server, held] of this.holders.get(holderId) ?? []) {
      const connection = this.connections.get(held.key);
      if (!connection || connection.status().state !== 'ready') continue;
      for (const tool of connection.listTools()) {
        if (held.disabledTools.has(tool.name)) continue;
        tools.push({
          name: qualifiedToolName(server, tool.name),
          description: tool.description ?? tool.title ?? '',
          inputSchema: tool.inputSchema,
          server,
          tool: tool.name,
        });
      }
    }
    return tools;
  }

  /** Runs `mcp__<server>__<tool>`. Every failure, cancellation and crash comes back as an `isError` result. */
  async callTool(holderId: string, qualifiedName: string, args: Record<string, unknown>, options: CallToolOptions = {}): Promise<CallToolResult> {
    const target = this.resolveTool(holderId, qualifiedName);
    if (!target.ok) return { content: [{ type: 'text', text: target.error.message }], isError: true };
    return target.data.connection.callTool(target.data.tool, args, options);
  }

  /** Prompts of the holder's ready servers (offered as slash commands). A failing server is skipped. */
  async listPrompts(holderId: string): Promise<McpPromptInfo[]> {
    const lists = await Promise.all(
      [...(this.holders.get(holderId) ?? [])].map(async ([server, held]) => {
        const prompts = await this.connections.get(held.key)?.listPrompts().catch(() => []) ?? [];
        return prompts.map((prompt) => promptInfo(server, prompt));
      }),
    );
    return lists.flat();
  }

  /**
   * The prompts of the server running `config` for any holder (a task's agent), asked live, or
   * why it has none: its failure, or a list request that failed or took longer than
   * `timeoutMs`. Starts nothing: null when `config` is not running (stopped or still connecting).
   */
  async promptsIfRunning(config: McpServerConfig, timeoutMs: number): Promise<Result<McpPromptInfo[]> | null> {
    const connection = this.connections.get(serverKey(config));
    const status = connection?.status();
    if (!connection || !status || status.state === 'stopped' || status.state === 'connecting') return null;
    if (status.state === 'failed') return fail('MCP_SERVER_FAILED', status.error ?? `MCP server "${config.name}" failed`);
    try {
      const prompts = await connection.listPrompts(timeoutMs);
      return ok(prompts.map((prompt) => promptInfo(config.name, prompt)));
    } catch (error) {
      return fail('MCP_SERVER_FAILED', `listing its prompts failed: ${(error as Error).message}`);
    }
  }

  async getPrompt(holderId: string, server: string, name: string, args: Record<string, string> = {}): Promise<Result<GetPromptResult>> {
    const held = this.holders.get(holderId)?.get(server);
    const connection = held && this.connections.get(held.key);
    if (!connection) return fail('NOT_FOUND', `no MCP server "${server}" for this task`);
    try {
      return ok(await connection.getPrompt(name, args));
    } catch (error) {
      return fail('MCP_SERVER_FAILED', `prompt "${name}" of MCP server "${server}": ${(error as Error).message}`);
    }
  }

  statuses(): McpServerStatus[] {
    return [...this.connections.values()].map((connection) => connection.status());
  }

  /** The end of a running stdio server's stderr (empty for remote servers). */
  serverLog(key: string): string {
    return this.connections.get(key)?.log() ?? '';
  }

  /** A manual restart: forgets the crash count, so a server that had given up gets a fresh start. */
  async restartServer(key: string): Promise<Result<McpServerStatus>> {
    const connection = this.connections.get(key);
    if (!connection) return fail('NOT_FOUND', 'that MCP server is not in use by any task');
    await connection.restart();
    return ok(connection.status());
  }

  /** Connects, lists the tools and disconnects again (Settings → "Test connection"). */
  async testConnection(config: McpServerConfig): Promise<Result<{ tools: { name: string; description: string }[] }>> {
    const connection = new McpConnection(config, {
      ...this.connectionOptions,
      onStatus: () => undefined,
      onToolsChanged: () => undefined,
      autoRestart: false,
    });
    await connection.start();
    const status = connection.status();
    const tools = connection.listTools().map((tool) => ({ name: tool.name, description: tool.description ?? '' }));
    await connection.stop();
    if (status.state !== 'ready') return fail('MCP_SERVER_FAILED', status.error ?? `MCP server "${config.name}" did not start`);
    return ok({ tools });
  }

  /** Stops every server and its process tree (Braid is exiting). Later `acquire`s start nothing. */
  async close(): Promise<void> {
    this.closed = true;
    this.holders.clear();
    for (const timer of this.idleTimers.values()) clearTimeout(timer);
    this.idleTimers.clear();
    for (const key of [...this.connections.keys()]) this.stopNow(key);
    await Promise.all(this.stopping);
  }

  private connectionFor(config: McpServerConfig): McpConnection {
    const key = serverKey(config);
    clearTimeout(this.idleTimers.get(key));
    this.idleTimers.delete(key);
    let connection = this.connections.get(key);
    if (!connection) {
      connection = new McpConnection(config, {
        ...this.connectionOptions,
        autoRestart: true,
        onToolsChanged: () => this.options.onToolsChanged?.(this.holdersOf(key)),
      });
      this.connections.set(key, connection);
    }
    return connection;
  }

  private holdersOf(key: string): string[] {
    return [...this.holders].filter(([, held]) => [...held.values()].some((server) => server.key === key)).map(([id]) => id);
  }

  private async stopUnused(): Promise<void> {
    const inUse = new Set([...this.holders.values()].flatMap((held) => [...held.values()].map((server) => server.key)));
    const idleMs = this.options.idleStopMs ?? 0;
    const stops: Promise<void>[] = [];
    for (const key of this.connections.keys()) {
      if (inUse.has(key) || this.idleTimers.has(key)) continue;
      if (idleMs > 0) {
        const timer = setTimeout(() => {
          this.idleTimers.delete(key);
          this.stopNow(key);
        }, idleMs);
        timer.unref();
        this.idleTimers.set(key, timer);
      } else {
        stops.push(this.stopNow(key));
      }
    }
    await Promise.all(stops);
  }

  private stopNow(key: string): Promise<void> {
    const connection = this.connections.get(key);
    if (!connection) return Promise.resolve();
    this.connections.delete(key);
    const stop = connection.stop().finally(() => this.stopping.delete(stop));
    this.stopping.add(stop);
    return stop;
  }

  private resolveTool(holderId: string, qualifiedName: string): Result<{ connection: McpConnection; tool: string }> {
    const held = this.holders.get(holderId);
    if (!held) return fail('NOT_FOUND', `no MCP servers are held for "${holderId}"`);
    // Server names may contain "_", so match against the held names; the longest wins.
    const match = [...held]
      .filter(([server]) => qualifiedName.startsWith(qualifiedToolName(server, '')))
      .sort(([a], [b]) => b.length - a.length)[0];
    if (!match) return fail('NOT_FOUND', `unknown MCP tool "${qualifiedName}"`);
    const [server, { key, disabledTools }] = match;
    const tool = qualifiedName.slice(qualifiedToolName(server, '').length);
    if (disabledTools.has(tool)) return fail('NOT_FOUND', `the tool "${tool}" of MCP server "${server}" is disabled`);
    const connection = this.connections.get(key);
    if (!connection) return fail('NOT_FOUND', `MCP server "${server}" is not running`);
    return ok({ connection, tool });
  }
}

function closedStatus(config: McpServerConfig): McpServerStatus {
  return { key: serverKey(config), name: config.name, state: 'stopped', error: 'Braid is shutting down', restarts: 0 };
}

function promptInfo(server: string, prompt: Prompt): McpPromptInfo {
  return {
    server,
    name: prompt.name,
    ...(prompt.description !== undefined && { description: prompt.description }),
    ...(prompt.arguments && { arguments: prompt.arguments }),
  };
}
