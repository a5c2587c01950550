import { request as httpRequest } from 'node:http';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createAskUserTool } from '../../agents/ask-user';
import { startLoopToolsServer, type LoopToolRequest, type LoopToolsServer } from './loop-tools-server';

const askUser = createAskUserTool(() => Promise.resolve('unused'));
let server: LoopToolsServer | undefined;
afterEach(() => server?.close());

/** A POST as any local process could send it (the Host header too). */
function post(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const sent = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    sent.on('error', reject);
    sent.end(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'probe', version: '1' } } }));
  });
}

const tokenOf = (config: ReturnType<LoopToolsServer['acpConfig']>) => ('headers' in config ? config.headers[0]!.value.replace(/^Bearer /, '') : '');

describe('Braid’s tools server for an external agent', () => {
  it('answers only its token, at its loopback name, from no browser; an MCP client with the token lists and calls the tools', async () => {
    const calls: LoopToolRequest[] = [];
    server = await startLoopToolsServer({
      definitions: [askUser.definition],
      route: () => ({ call: async (request) => (calls.push(request), { isError: false, text: `asked: ${(request.args as { question: string }).question}` }) }),
      version: '1.0.0',
    });
    const config = server.acpConfig({ http: true });
    const token = tokenOf(config);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);

    expect((await post(server.url, {})).status).toBe(401);
    expect(await post(server.url, { authorization: `Bearer ${token.slice(0, -1)}x` })).toEqual({ status: 401, body: 'A valid token is required.' });
    expect((await post(server.url, { authorization: `Bearer ${token}`, host: 'evil.example' })).status).toBe(403);
    expect((await post(server.url, { authorization: `Bearer ${token}`, origin: 'http://127.0.0.1:1234' })).status).toBe(403);
    expect((await post(server.url.replace('/mcp', '/other'), { authorization: `Bearer ${token}` })).status).toBe(404);

    const client = new Client({ name: 'probe', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
    const listed = await client.listTools();
    expect(listed.tools).toEqual([expect.objectContaining({ name: 'ask_user', inputSchema: expect.objectContaining({ type: 'object' }), _meta: { 'anthropic/alwaysLoad': true } })]);
    const result = await client.callTool({ name: 'ask_user', arguments: { question: 'Why?' }, _meta: { 'claudecode/toolUseId': 'toolu_7' } });
    expect(result).toMatchObject({ isError: false, content: [{ type: 'text', text: 'asked: Why?' }] });
    expect(calls).toEqual([expect.objectContaining({ name: 'ask_user', args: { question: 'Why?' }, toolUseId: 'toolu_7' })]);

    // A new session of the agent gets a new token: the one before no longer opens anything.
    const next = tokenOf(server.acpConfig({ http: true }));
    expect(next).not.toBe(token);
    await expect(client.callTool({ name: 'ask_user', arguments: { question: 'Again?' } })).rejects.toThrow(/A valid token is required/);
    expect((await post(server.url, { authorization: `Bearer ${next}` })).status).toBe(200);
    await client.close().catch(() => undefined);
  });

  it('refuses calls between runs, and is gone once closed', async () => {
    server = await startLoopToolsServer({ definitions: [askUser.definition], route: () => null, version: '1.0.0' });
    const client = new Client({ name: 'probe', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: { Authorization: `Bearer ${tokenOf(server.acpConfig({ http: true }))}` } } }));
    expect(await client.callTool({ name: 'ask_user', arguments: { question: 'Why?' } })).toMatchObject({ isError: true, content: [{ text: expect.stringContaining('No run of this task is going') }] });
    await server.close();
    await expect(post(server.url, {})).rejects.toThrow(/ECONNREFUSED/);
  });
});
