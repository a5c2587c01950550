import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type * as acp from '@agentclientprotocol/sdk';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ToolDefinition } from '../../agents/toolset';
import { createAccessToken, tokenMatches } from '../../secrets';
import { braidToolsServer } from './acp-tool-call';

/** One call of a Braid tool, as the agent's MCP client made it. */
export interface LoopToolRequest {
  name: string;
  args: unknown;
  /** The agent's id of the call when its client says it (Claude Code's `_meta["claudecode/toolUseId"]`). */
  toolUseId: string | null;
  /** The client gave up on the call (cancelled it, or its connection went). */
  signal: AbortSignal;
}

/** Where the calls go: the task's current run (`acp-loop-tools.ts`). */
export interface LoopToolRoute {
  call(request: LoopToolRequest): Promise<{ isError: boolean; text: string }>;
}

export interface LoopToolsServer {
  /** `http://127.0.0.1:<port>/mcp`. */
  readonly url: string;
  /**
   * The server in `session/new`'s shape (over HTTP when the agent takes it, else over stdio
   * through the bridge), with a new token: the session before it loses its access.
   */
  acpConfig(transports: { http: boolean }): acp.McpServer;
  close(): Promise<void>;
}

export interface LoopToolsServerOptions {
  /** What `tools/list` offers (the task's role decides; the same for every run of the task). */
  definitions: readonly ToolDefinition[];
  /** The run the calls go to now; null between runs (a call is then refused, saying so). */
  route(): LoopToolRoute | null;
  version: string;
  /** MCP sessions one agent may hold at once (each is a client connection). */
  maxSessions?: number;
  log?(line: string): void;
}

const bridgeProgram = fileURLToPath(new URL('./loop-tools-bridge.mjs', import.meta.url));

const path = '/mcp';

/**
 * Braid's own tools for one external agent (the task's loop tools: `ask_user`, `submit_plan`,
 * `submit_review`, `update_step`) as an MCP server the agent is given in `session/new`: Streamable
 * HTTP on 127.0.0.1 at a random port, answering only requests that carry its secret token
 * (`Authorization: Bearer`, compared in constant time), name this host (`Host`, against DNS
 * rebinding) and come from no browser (no `Origin`). The token is the agent's current session's
 * (a new session gets a new one). Every call goes to the run of the task going now. Closed with
 * the agent's process (`acp-engine.ts`), which holds the only copy of the token.
 */
export async function startLoopToolsServer(options: LoopToolsServerOptions): Promise<LoopToolsServer> {
  let token = createAccessToken();
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const maxSessions = options.maxSessions ?? 8;
  let hosts = new Set<string>();

  const connect = async (): Promise<StreamableHTTPServerTransport> => {
    const mcp = new Server({ name: braidToolsServer, version: options.version }, { capabilities: { tools: {} } });
    mcp.setRequestHandler(ListToolsRequestSchema, () => ({
      tools: options.definitions.map((tool) => ({
        name: tool.name,
        description: tool.description,
        inputSchema: tool.inputSchema as { type: 'object' },
        // The role depends on these: never deferred behind a tool search (Claude Code's hint).
        _meta: { 'anthropic/alwaysLoad': true },
      })),
    }));
    mcp.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
      const route = options.route();
      if (!route) return { isError: true, content: [{ type: 'text', text: 'No run of this task is going: Braid’s tools answer only while the task runs.' }] };
      const toolUseId = request.params._meta?.['claudecode/toolUseId'];
      const outcome = await route.call({ name: request.params.name, args: request.params.arguments ?? {}, toolUseId: typeof toolUseId === 'string' ? toolUseId : null, signal: extra.signal });
      return { isError: outcome.isError, content: [{ type: 'text', text: outcome.text }] };
    });
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      onsessioninitialized: (id) => void sessions.set(id, transport),
      onsessionclosed: (id) => void sessions.delete(id),
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
    };
    await mcp.connect(transport);
    return transport;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (!hosts.has(request.headers.host?.toLowerCase() ?? '')) return refuse(response, 403, 'This server answers only at its loopback address.');
    if (request.headers.origin !== undefined) return refuse(response, 403, 'Browsers may not call Braid’s tools.');
    if (!tokenMatches(token, bearerOf(request.headers.authorization))) return refuse(response, 401, 'A valid token is required.');
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== path) return refuse(response, 404, 'Not found.');
    const sessionId = request.headers['mcp-session-id'];
    if (typeof sessionId === 'string') {
      const transport = sessions.get(sessionId);
      if (!transport) return refuse(response, 404, 'No such MCP session (it ended).');
      return transport.handleRequest(request, response);
    }
    if (request.method !== 'POST') return refuse(response, 400, 'Start an MCP session with initialize first.');
    if (sessions.size >= maxSessions) return refuse(response, 503, `At most ${maxSessions} MCP sessions at once.`);
    const transport = await connect();
    await transport.handleRequest(request, response);
    // Anything but an initialize leaves no session behind: nothing to keep.
    if (!transport.sessionId || !sessions.has(transport.sessionId)) await transport.close();
  };

  const http = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      options.log?.(`[engines] Braid's tools server: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) refuse(response, 500, 'Braid’s tools server failed on this request.');
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const url = `http://127.0.0.1:${port}${path}`;
  let closing: Promise<void> | undefined;

  return {
    url,
    acpConfig(transports) {
      token = createAccessToken();
      if (transports.http) return { type: 'http', name: braidToolsServer, url, headers: [{ name: 'Authorization', value: `Bearer ${token}` }] };
      // Every ACP agent runs stdio servers: the bridge relays its stdio to this server (as plain Node in the desktop app).
      return {
        name: braidToolsServer,
        command: process.execPath,
        args: [bridgeProgram],
        env: [
          { name: 'ELECTRON_RUN_AS_NODE', value: '1' },
          { name: 'BRAID_TOOLS_URL', value: url },
          { name: 'BRAID_TOOLS_TOKEN', value: token },
        ],
      };
    },
    close() {
      closing ??= (async () => {
        await Promise.all([...sessions.values()].map((transport) => transport.close().catch(() => undefined)));
        sessions.clear();
        http.closeAllConnections();
        await new Promise<void>((resolve) => http.close(() => resolve()));
      })();
      return closing;
    },
  };
}

function bearerOf(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match ? match[1]! : null;
}

function refuse(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(message);
}
