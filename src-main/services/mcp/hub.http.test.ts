import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { McpServerConfig } from './server-config';
import { createTestHub, textOf } from './testing/hub-harness';
import { startHttpTestServer, type HttpTestServer } from './testing/http-test-server';

let server: HttpTestServer;
beforeAll(async () => {
  server = await startHttpTestServer();
});
afterAll(() => server.close());

describe('McpHub with remote servers', () => {
  it('talks Streamable HTTP with the configured headers, expanded from the environment', async () => {
    const { hub } = createTestHub({ env: { REMOTE_TOKEN: 's3cret' } });
    const config: McpServerConfig = { name: 'remote', type: 'http', url: server.streamableUrl, headers: { Authorization: 'Bearer ${REMOTE_TOKEN}' } };
    expect(await hub.acquire('task-1', [{ config }])).toMatchObject([{ name: 'remote', state: 'ready' }]);
    expect(hub.listTools('task-1').map((tool) => tool.name)).toEqual(['mcp__remote__echo', 'mcp__remote__whoami', 'mcp__remote__ask', 'mcp__remote__count']);
    expect(textOf(await hub.callTool('task-1', 'mcp__remote__echo', { text: 'over http' }))).toBe('over http');
    expect(textOf(await hub.callTool('task-1', 'mcp__remote__whoami', {}))).toBe('Bearer s3cret');
    await hub.release('task-1');
    expect(hub.statuses()).toEqual([]);
  });

  it('reports progress notifications of a running call', async () => {
    const { hub } = createTestHub();
    await hub.acquire('task-1', [{ config: { name: 'remote', type: 'http', url: server.streamableUrl } }]);
    const progress: string[] = [];
    const result = await hub.callTool('task-1', 'mcp__remote__count', { steps: 3 }, { onProgress: (update) => progress.push(`${update.progress}/${update.total} ${update.message}`) });
    expect(textOf(result)).toBe('counted to 3');
    expect(progress).toEqual(['1/3 step 1', '2/3 step 2', '3/3 step 3']);
  });

  it('talks the old HTTP+SSE transport, and falls back to it when an "http" server refuses Streamable HTTP', async () => {
    const { hub } = createTestHub();
    const statuses = await hub.acquire('task-1', [
      { config: { name: 'legacy', type: 'sse', url: server.sseUrl } },
      { config: { name: 'fallback', type: 'http', url: server.sseUrl } },
    ]);
    expect(statuses).toMatchObject([{ state: 'ready' }, { state: 'ready' }]);
    expect(textOf(await hub.callTool('task-1', 'mcp__legacy__echo', { text: 'sse' }))).toBe('sse');
    expect(textOf(await hub.callTool('task-1', 'mcp__fallback__echo', { text: 'fell back' }))).toBe('fell back');
  });

  it('re-lists tools when the server announces tools/list_changed', async () => {
    const changed: string[][] = [];
    let notify: () => void = () => undefined;
    const notified = new Promise<void>((resolve) => (notify = resolve));
    const { hub } = createTestHub({
      onToolsChanged: (holders) => {
        changed.push(holders);
        notify();
      },
    });
    await hub.acquire('task-1', [{ config: { name: 'remote', type: 'http', url: server.streamableUrl } }]);
    server.addTool('late_tool');
    await notified;
    expect(changed[0]).toEqual(['task-1']);
    expect(hub.listTools('task-1').map((tool) => tool.tool)).toContain('late_tool');
    expect(textOf(await hub.callTool('task-1', 'mcp__remote__late_tool', {}))).toBe('late_tool');
  });

  it('passes elicitation requests to the handler, and declines them without one', async () => {
    const asked: string[] = [];
    const { hub } = createTestHub({
      onElicitation: async (request, context) => {
        asked.push(`${context.server}: ${request.message}`);
        return { action: 'accept', content: { answer: 'blue' } };
      },
    });
    const config: McpServerConfig = { name: 'remote', type: 'http', url: server.streamableUrl };
    await hub.acquire('task-1', [{ config }]);
    expect(textOf(await hub.callTool('task-1', 'mcp__remote__ask', { question: 'Favourite colour?' }))).toBe('accept:blue');
    expect(asked).toEqual(['remote: Favourite colour?']);

    const { hub: silent } = createTestHub();
    await silent.acquire('task-1', [{ config }]);
    expect(textOf(await silent.callTool('task-1', 'mcp__remote__ask', { question: 'Anyone?' }))).toBe('decline:');
  });

  it('names the failure when nothing answers at the url', async () => {
    const { hub } = createTestHub({ connectTimeoutMs: 5_000 });
    const result = await hub.testConnection({ name: 'nowhere', type: 'http', url: 'http://127.0.0.1:9/mcp' });
    expect(result).toMatchObject({ ok: false, error: { code: 'MCP_SERVER_FAILED' } });
    expect(!result.ok && result.error.message).toMatch(/fetch failed|ECONNREFUSED/);
  });
});
