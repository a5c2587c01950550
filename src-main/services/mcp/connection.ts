import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  ElicitRequestSchema,
  ErrorCode,
  McpError,
  ToolListChangedNotificationSchema,
  type CallToolResult,
  type GetPromptResult,
  type Prompt,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import {
  restartDelay,
  type CallToolOptions,
  type ElicitationHandler,
  type McpServerState,
  type McpServerStatus,
  type RestartPolicy,
} from './hub-types';
import {
  isProcessAlive,
  killProcesses,
  killProcessTree,
  listDescendants,
  processIdentity,
  waitForExit,
  type ProcessIdentity,
} from '../processes/process-tree';
import { configHash, isStdioConfig, type McpServerConfig } from './server-config';
import { createTransport, shouldFallBackToSse, type CreatedTransport } from './transport-factory';
import { expandServerConfig, type Environment } from './variable-expansion';

export interface ConnectionOptions {
  clientInfo: { name: string; version: string };
  env: Environment;
  restartPolicy: RestartPolicy;
  /** Restart after a crash (stdio servers only: a remote server has no process we could restart). */
  autoRestart: boolean;
  killGraceMs: number;
  connectTimeoutMs: number;
  toolTimeoutMs: number;
  onStatus: (status: McpServerStatus) => void;
  onToolsChanged: () => void;
  onElicitation?: ElicitationHandler;
}

/** What an attempt returns when a stop overtook it: not a failure of the server. */
const SUPERSEDED = 'stopped while connecting';

/** Pages we follow for one list before assuming a server loops on its cursor. */
const MAX_PAGES = 100;

/** The identity of a running server: its name and everything it is started with. */
export function serverKey(config: McpServerConfig): string {
  return `${config.name}:${configHash(config)}`;
}

/** One user MCP server: its process or remote session, its tools, its life and restarts. */
export class McpConnection {
  readonly key: string;
  readonly name: string;
  private state: McpServerState = 'stopped';
  private error: string | undefined;
  private restarts = 0;
  private consecutiveFailures = 0;
  private readyAt = 0;
  private tools: Tool[] = [];
  private client: Client | undefined;
  private created: CreatedTransport | undefined;
  /** Bumped for every attempt and stop, so events of an old client are ignored. */
  private generation = 0;
  private starting: Promise<void> | undefined;
  private startingGeneration = -1;
  private stopping: Promise<void> | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private readyWaiters = new Set<() => void>();
  /** Every process seen under the server, so children orphaned by a crash are still found. */
  private knownProcesses = new Map<number, ProcessIdentity>();

  constructor(
    readonly config: McpServerConfig,
    private readonly options: ConnectionOptions,
  ) {
    this.key = serverKey(config);
    this.name = config.name;
  }

  status(): McpServerStatus {
    const pid = this.created?.pid();
    return {
      key: this.key,
      name: this.name,
      state: this.state,
      restarts: this.restarts,
      ...(this.error !== undefined && { error: this.error }),
      ...(pid !== undefined && this.state !== 'stopped' && { pid }),
    };
  }

  /** The end of the stdio server's stderr, for "show log" and for tests. */
  log(): string {
    return this.created?.stderrTail() ?? '';
  }

  listTools(): Tool[] {
    return this.tools;
  }

  /** Connects unless already ready or connecting; resolves when ready or failed (never rejects). */
  start(): Promise<void> {
    if (this.state === 'ready') return Promise.resolve();
    if (this.starting && this.startingGeneration === this.generation) return this.starting;
    if (this.state === 'connecting' && this.restartTimer) return this.whenSettled();
    // A server that had given up gets a full set of restarts again when a new task needs it.
    if (this.state === 'failed') this.consecutiveFailures = 0;
    return this.launch(false);
  }

  /** A user's "restart": forgets earlier failures and starts afresh. */
  async restart(): Promise<void> {
    await this.stop();
    this.consecutiveFailures = 0;
    this.restarts = 0;
    await this.start();
  }

  async stop(): Promise<void> {
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    this.generation++;
    this.stopping = (async () => {
      await this.teardown();
      this.tools = [];
      this.setState('stopped', undefined);
    })();
    await this.stopping;
  }

  async callTool(tool: string, args: Record<string, unknown>, options: CallToolOptions = {}): Promise<CallToolResult> {
    if (options.signal?.aborted) return errorResult('The tool call was cancelled before it started.');
    if (this.state === 'connecting') await this.whenSettled(options.signal);
    const client = this.client;
    if (this.state !== 'ready' || !client) {
      return errorResult(`MCP server "${this.name}" is not available (${this.state}${this.error ? `: ${this.error}` : ''}).`);
    }
    const timeout = options.timeoutMs ?? this.options.toolTimeoutMs;
    try {
      const result = await client.callTool({ name: tool, arguments: args }, undefined, {
        ...(options.signal && { signal: options.signal }),
        ...(options.onProgress && { onprogress: options.onProgress }),
        timeout,
        resetTimeoutOnProgress: true,
      });
      return { ...result, content: Array.isArray(result.content) ? result.content : [] } as CallToolResult;
    } catch (error) {
      if (options.signal?.aborted) return errorResult('The tool call was cancelled.');
      return errorResult(this.describeCallError(tool, error, timeout));
    } finally {
      // Before the result goes back: the caller's next call might crash the server, and the
      // children this call started must be known by then to be cleaned up. Costs one /proc scan.
      await this.rememberProcesses();
    }
  }

  /** The server's prompts (none when it offers none); `timeoutMs` bounds each page's request. */
  async listPrompts(timeoutMs?: number): Promise<Prompt[]> {
    const client = this.client;
    if (this.state !== 'ready' || !client?.getServerCapabilities()?.prompts) return [];
    return collectPages(async (cursor) => {
      const page = await client.listPrompts(cursor ? { cursor } : undefined, timeoutMs === undefined ? undefined : { timeout: timeoutMs });
      return { items: page.prompts, nextCursor: page.nextCursor };
    });
  }

  async getPrompt(name: string, args: Record<string, string>): Promise<GetPromptResult> {
    const client = this.client;
    if (this.state !== 'ready' || !client) throw new McpError(ErrorCode.ConnectionClosed, `MCP server "${this.name}" is not ready`);
    return client.getPrompt({ name, arguments: args });
  }

  /**
   * Runs one attempt as "the" start in progress. A failed first start leaves the server
   * `failed`; a failed restart backs off again. An attempt overtaken by `stop()` settles only
   * once that stop is done, so callers never see a half-stopped server.
   */
  private launch(isRestart: boolean): Promise<void> {
    const attempt = this.attempt(isRestart);
    this.startingGeneration = this.generation;
    const starting = attempt.then(async (error) => {
      if (this.starting === starting) this.starting = undefined;
      if (error === SUPERSEDED) await this.stopping;
      else if (error !== undefined && isRestart) this.scheduleRestart(error);
      else if (error !== undefined) this.setState('failed', error);
    });
    this.starting = starting;
    return starting;
  }

  /** One connection attempt; returns the error message on failure (and leaves nothing running). */
  private async attempt(isRestart = false): Promise<string | undefined> {
    const generation = ++this.generation;
    this.setState('connecting', this.error);
    const expanded = expandServerConfig(this.config, this.options.env);
    if (!expanded.ok) return expanded.error.message;

    let failure = await this.connectWith(expanded.data, 'streamable', generation);
    if (failure?.fallBack) failure = await this.connectWith(expanded.data, 'sse', generation);
    if (generation !== this.generation) return SUPERSEDED;
    if (failure) return failure.message;

    this.readyAt = Date.now();
    if (isRestart) this.restarts++;
    this.setState('ready', undefined);
    if (isRestart) this.options.onToolsChanged();
    void this.rememberProcesses();
    return undefined;
  }

  private async connectWith(
    config: McpServerConfig,
    remoteKind: 'streamable' | 'sse',
    generation: number,
  ): Promise<{ message: string; fallBack: boolean } | undefined> {
    const created = createTransport(config, remoteKind);
    const client = this.createClient(generation);
    this.created = created;
    this.client = client;
    const timeout = this.options.connectTimeoutMs;
    try {
      await client.connect(created.transport, { timeout });
      this.tools = await this.fetchTools(client, timeout);
      return undefined;
    } catch (error) {
      const fallBack = remoteKind === 'streamable' && shouldFallBackToSse(config, error);
      const stderr = created.stderrTail();
      if (this.client === client) await this.teardown();
      return { message: describeConnectError(error, stderr, timeout), fallBack };
    }
  }

  private createClient(generation: number): Client {
    const client = new Client(this.options.clientInfo, { capabilities: { elicitation: { form: {} } } });
    client.onclose = () => {
      // Only a server that was up counts as crashed; failed attempts and stops close on purpose.
      if (generation === this.generation && this.client === client && this.state === 'ready') this.handleUnexpectedClose();
    };
    client.setNotificationHandler(ToolListChangedNotificationSchema, async () => {
      if (generation !== this.generation) return;
      try {
        this.tools = await this.fetchTools(client, this.options.connectTimeoutMs);
        this.options.onToolsChanged();
      } catch {
        // The next list_changed or restart refreshes it; the old list is still the best we know.
      }
    });
    client.setRequestHandler(ElicitRequestSchema, async (request, extra) => {
      if (!this.options.onElicitation) return { action: 'decline' };
      return this.options.onElicitation(request.params, { server: this.name, signal: extra.signal });
    });
    return client;
  }

  private async fetchTools(client: Client, timeout: number): Promise<Tool[]> {
    if (!client.getServerCapabilities()?.tools) return [];
    return collectPages(async (cursor) => {
      const page = await client.listTools(cursor ? { cursor } : undefined, { timeout });
      return { items: page.tools, nextCursor: page.nextCursor };
    });
  }

  private handleUnexpectedClose(): void {
    this.generation++;
    const why = this.explainExit();
    void this.teardown();
    this.tools = [];
    this.options.onToolsChanged();
    if (!this.options.autoRestart || !isStdioConfig(this.config)) {
      this.setState('failed', why);
      return;
    }
    if (Date.now() - this.readyAt >= this.options.restartPolicy.stableAfterMs) this.consecutiveFailures = 0;
    this.scheduleRestart(why);
  }

  private scheduleRestart(lastError: string): void {
    this.consecutiveFailures++;
    const policy = this.options.restartPolicy;
    if (this.consecutiveFailures > policy.maxAttempts) {
      this.setState('failed', `${lastError} (gave up after ${policy.maxAttempts} restarts)`);
      return;
    }
    const delay = restartDelay(policy, this.consecutiveFailures);
    this.setState('connecting', `${lastError}; restarting in ${delay} ms`);
    const generation = this.generation;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (generation === this.generation) void this.launch(true);
    }, delay);
    this.restartTimer.unref();
  }

  private explainExit(): string {
    const stderr = this.created?.stderrTail();
    const lastLine = stderr?.split('\n').filter(Boolean).pop();
    return `MCP server "${this.name}" exited unexpectedly${lastLine ? `: ${lastLine}` : ''}`;
  }

  /** Closes the client and, for stdio, the whole process tree including orphans seen earlier. */
  private async teardown(): Promise<void> {
    const client = this.client;
    const created = this.created;
    this.client = undefined;
    this.created = undefined;
    if (!client || !created) return;
    const pid = created.pid();
    const root = pid !== undefined ? processIdentity(pid) : undefined;
    const seenEarlier = [...this.knownProcesses.values()];
    this.knownProcesses.clear();
    const graceMs = this.options.killGraceMs;
    // Children, and any the server orphaned earlier, before the server itself, so the live server collects them.
    if (pid !== undefined) await killProcessTree(pid, { graceMs, knownDescendants: seenEarlier, spareRoot: true });
    else await killProcesses(seenEarlier, { graceMs });
    if (created.transport instanceof StreamableHTTPClientTransport) {
      await created.transport.terminateSession().catch(() => undefined);
    }
    // Closing stdin is the polite stop the spec asks for; the kill below covers servers that ignore it.
    const closing = client.close().catch(() => undefined);
    if (root && !(await waitForExit([root], graceMs))) await killProcesses([root], { graceMs });
    await closing;
  }

  /** Records the server's current descendants, so a crash cannot orphan them unseen. */
  private async rememberProcesses(): Promise<void> {
    const pid = this.created?.pid();
    if (pid === undefined) return;
    const descendants = await listDescendants(pid).catch(() => []);
    for (const member of descendants) this.knownProcesses.set(member.pid, member);
    for (const [knownPid, known] of this.knownProcesses) {
      if (!isProcessAlive(known)) this.knownProcesses.delete(knownPid);
    }
  }

  private describeCallError(tool: string, error: unknown, timeout: number): string {
    if (error instanceof McpError && error.code === ErrorCode.ConnectionClosed) {
      return `MCP server "${this.name}" stopped while running "${tool}"${this.state === 'stopped' ? '' : ' (it crashed or closed the connection)'}.`;
    }
    if (error instanceof McpError && error.code === ErrorCode.RequestTimeout) {
      return `"${tool}" on MCP server "${this.name}" timed out after ${Math.round(timeout / 1000)} s.`;
    }
    return `"${tool}" on MCP server "${this.name}" failed: ${error instanceof Error ? error.message : String(error)}`;
  }

  private whenSettled(signal?: AbortSignal): Promise<void> {
    if (this.state !== 'connecting') return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.readyWaiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      this.readyWaiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  private setState(state: McpServerState, error: string | undefined): void {
    this.state = state;
    this.error = error;
    this.emit();
    if (state !== 'connecting') for (const waiter of [...this.readyWaiters]) waiter();
  }

  private emit(): void {
    this.options.onStatus(this.status());
  }
}

function errorResult(text: string): CallToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}

function describeConnectError(error: unknown, stderr: string, timeout: number): string {
  let message = error instanceof Error ? error.message : String(error);
  if (error instanceof McpError && error.code === ErrorCode.RequestTimeout) message = `no answer within ${Math.round(timeout / 1000)} s`;
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') message = `command not found (${message})`;
  const lastLines = stderr.split('\n').filter(Boolean).slice(-3).join(' | ');
  return lastLines ? `${message} — stderr: ${lastLines}` : message;
}

async function collectPages<T>(fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string | undefined }>): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await fetchPage(cursor);
    items.push(...result.items);
    cursor = result.nextCursor;
    if (!cursor || seen.has(cursor)) break;
    seen.add(cursor);
  }
  return items;
}
