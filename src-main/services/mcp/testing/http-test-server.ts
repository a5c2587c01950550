import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';

/**
 * A real remote MCP server on 127.0.0.1 for the hub's tests: Streamable HTTP at `/mcp`, the old
 * HTTP+SSE transport at `/sse` (+ `/messages`). Each session gets its own McpServer, like a
 * production server would. Tools: `echo {text}`, `whoami` (the Authorization header it got),
 * `ask {question}` (asks the client through elicitation and reports the answer), `count {steps}`
 * (sends a progress notification per step).
 */
export interface HttpTestServer {
  streamableUrl: string;
  sseUrl: string;
  /** Adds a tool to every live session (servers send `notifications/tools/list_changed`). */
  addTool(name: string): void;
  close(): Promise<void>;
}

export async function startHttpTestServer(): Promise<HttpTestServer> {
  const servers = new Set<McpServer>();
  const streamable = new Map<string, StreamableHTTPServerTransport>();
  const sse = new Map<string, SSEServerTransport>();
  const extraTools: string[] = [];

  const newServer = (headers: IncomingMessage['headers']): McpServer => {
    const server = new McpServer({ name: 'braid-http-test', version: '1.0.0' }, { capabilities: { tools: { listChanged: true } } });
    server.registerTool('echo', { description: 'Echoes text.', inputSchema: { text: z.string() } }, ({ text }) => ({
      content: [{ type: 'text', text }],
    }));
    server.registerTool('whoami', { description: 'The Authorization header of the session.', inputSchema: {} }, () => ({
      content: [{ type: 'text', text: String(headers.authorization ?? '(none)') }],
    }));
    server.registerTool('ask', { description: 'Asks the user.', inputSchema: { question: z.string() } }, async ({ question }) => {
      const answer = await server.server.elicitInput({
        message: question,
        requestedSchema: { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] },
      });
      return { content: [{ type: 'text', text: `${answer.action}:${String(answer.content?.answer ?? '')}` }] };
    });
    server.registerTool('count', { description: 'Reports progress up to `steps`.', inputSchema: { steps: z.number() } }, async ({ steps }, extra) => {
      const progressToken = extra._meta?.progressToken;
      for (let step = 1; step <= steps && progressToken !== undefined; step++) {
        await extra.sendNotification({ method: 'notifications/progress', params: { progressToken, progress: step, total: steps, message: `step ${step}` } });
      }
      return { content: [{ type: 'text', text: `counted to ${steps}` }] };
    });
    for (const name of extraTools) registerExtra(server, name);
    servers.add(server);
    return server;
  };

  const http = createServer((req, res) => {
    void route(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    });
  });

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/mcp') {
      const sessionId = req.headers['mcp-session-id'];
      let transport = typeof sessionId === 'string' ? streamable.get(sessionId) : undefined;
      if (!transport) {
        if (sessionId !== undefined) return void res.writeHead(404).end('unknown session');
        transport = new StreamableHTTPServerTransport({
          sessionIdGenerator: () => randomUUID(),
          onsessioninitialized: (id) => void streamable.set(id, transport!),
          onsessionclosed: (id) => void streamable.delete(id),
        });
        await newServer(req.headers).connect(transport);
      }
      await transport.handleRequest(req, res);
      return;
    }
    if (url.pathname === '/sse' && req.method === 'GET') {
      const transport = new SSEServerTransport('/messages', res);
      sse.set(transport.sessionId, transport);
      res.on('close', () => sse.delete(transport.sessionId));
      await newServer(req.headers).connect(transport);
      return;
    }
    if (url.pathname === '/messages' && req.method === 'POST') {
      const transport = sse.get(url.searchParams.get('sessionId') ?? '');
      if (!transport) return void res.writeHead(404).end('unknown session');
      await transport.handlePostMessage(req, res);
      return;
    }
    // What an old SSE-only server answers to a Streamable HTTP POST.
    res.writeHead(405).end('method not allowed');
  };

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return {
    streamableUrl: `${base}/mcp`,
    sseUrl: `${base}/sse`,
    addTool(name) {
      extraTools.push(name);
      for (const server of servers) registerExtra(server, name);
    },
    async close() {
      await Promise.all([...servers].map((server) => server.close().catch(() => undefined)));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function registerExtra(server: McpServer, name: string): void {
  server.registerTool(name, { description: `Added later: ${name}.`, inputSchema: {} }, () => ({ content: [{ type: 'text', text: name }] }));
}
