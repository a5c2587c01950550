import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';

/** Drives the fixture through the SDK's own client over a real stdio child process. */
const fixturePath = fileURLToPath(new URL('./mcp-fixture-server.mjs', import.meta.url));

interface Connection {
  client: Client;
  transport: StdioClientTransport;
  stderr: () => string;
  closed: Promise<void>;
}

const connections: Connection[] = [];
const childPids: number[] = [];

afterEach(async () => {
  for (const pid of childPids.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await Promise.all(connections.splice(0).map((connection) => connection.client.close()));
});

async function connect(args: string[] = []): Promise<Connection> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [fixturePath, ...args], stderr: 'pipe' });
  let stderrText = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderrText += chunk.toString('utf8');
  });
  const client = new Client({ name: 'fixture-test', version: '1.0.0' });
  const closed = new Promise<void>((resolve) => {
    client.onclose = () => resolve();
  });
  await client.connect(transport);
  const connection = { client, transport, stderr: () => stderrText, closed };
  connections.push(connection);
  return connection;
}

function textOf(result: Awaited<ReturnType<Client['callTool']>>): string {
  const [first] = result.content as { type: string; text: string }[];
  return first?.text ?? '';
}

async function waitForStderr(connection: Connection, line: string): Promise<void> {
  const stream = connection.transport.stderr;
  while (!connection.stderr().includes(line)) await new Promise((resolve) => stream?.once('data', resolve));
}

describe('mcp-fixture-server', () => {
  it('lists and runs its tools, prompt and resource', async () => {
    const { client } = await connect();

    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(['add', 'crash', 'echo', 'fail', 'slow', 'spawn_child']);
    expect(textOf(await client.callTool({ name: 'echo', arguments: { text: 'hi there' } }))).toBe('hi there');
    expect(textOf(await client.callTool({ name: 'add', arguments: { a: 2, b: 40 } }))).toBe('42');
    const failure = await client.callTool({ name: 'fail', arguments: { message: 'disk on fire' } });
    expect(failure.isError).toBe(true);
    expect(textOf(failure)).toBe('disk on fire');
    expect(textOf(await client.callTool({ name: 'slow', arguments: { ms: 1 } }))).toBe('waited 1 ms');

    const prompt = await client.getPrompt({ name: 'greet', arguments: { name: 'Ada' } });
    expect(prompt.messages[0]?.content).toEqual({ type: 'text', text: 'Hello, Ada!' });
    const resource = await client.readResource({ uri: 'fixture://readme' });
    expect(resource.contents[0]).toMatchObject({ uri: 'fixture://readme', text: expect.stringContaining('fixture') });
  });

  it('spawns a live child process and reports its pid', async () => {
    const { client } = await connect();

    const pid = Number(textOf(await client.callTool({ name: 'spawn_child', arguments: {} })));
    childPids.push(pid);

    expect(Number.isInteger(pid) && pid > 0).toBe(true);
    expect(() => process.kill(pid, 0)).not.toThrow();
  });

  it('stops a slow call when the client cancels it', async () => {
    const connection = await connect();
    const controller = new AbortController();

    const call = connection.client.callTool({ name: 'slow', arguments: { ms: 60_000 } }, undefined, { signal: controller.signal });
    await waitForStderr(connection, 'slow: started');
    controller.abort();

    await expect(call).rejects.toThrow();
    await waitForStderr(connection, 'slow: cancelled');
  });

  it('crash closes the transport and fails the pending call', async () => {
    const { client, closed } = await connect();

    await expect(client.callTool({ name: 'crash', arguments: {} })).rejects.toThrow(/closed/i);
    await closed;
  });

  it('--crash-after-calls answers N calls, then the transport closes', async () => {
    const { client, closed } = await connect(['--crash-after-calls', '2']);

    expect(textOf(await client.callTool({ name: 'echo', arguments: { text: 'one' } }))).toBe('one');
    expect(textOf(await client.callTool({ name: 'echo', arguments: { text: 'two' } }))).toBe('two');
    await closed;
  });

  it('--tools-page-size serves tools/list in pages with nextCursor', async () => {
    const { client } = await connect(['--tools-page-size', '4']);

    const pages: Tool[][] = [];
    let cursor: string | undefined;
    do {
      const page = await client.listTools(cursor === undefined ? {} : { cursor });
      pages.push(page.tools);
      cursor = page.nextCursor;
    } while (cursor !== undefined);

    expect(pages.map((page) => page.length)).toEqual([4, 2]);
    const add = pages.flat().find((tool) => tool.name === 'add');
    expect(add?.inputSchema).toMatchObject({ type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } } });
    expect(textOf(await client.callTool({ name: 'add', arguments: { a: 1, b: 1 } }))).toBe('2');
  });
});
