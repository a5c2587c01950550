import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listDescendants } from '../processes/process-tree';
import { serverKey } from './connection';
import { tempFolder } from '../testing/temp-folders';
import { createTestHub, fixtureConfig, isGone, isNotRunning, textOf, until } from './testing/hub-harness';

describe('McpHub with the stdio fixture server', () => {
  it('starts a server only when a task acquires it, and names its tools mcp__<server>__<tool>', async () => {
    const { hub, log } = createTestHub();
    expect(hub.statuses()).toEqual([]);
    expect(log.events).toEqual([]);

    const [status] = await hub.acquire('task-1', [{ config: fixtureConfig(), disabledTools: ['add'] }]);
    expect(status).toMatchObject({ name: 'fixture', state: 'ready' });
    expect(log.events.map((event) => event.state)).toEqual(['connecting', 'ready']);

    const tools = hub.listTools('task-1');
    expect(tools.map((tool) => tool.name).sort()).toEqual(
      ['mcp__fixture__crash', 'mcp__fixture__echo', 'mcp__fixture__fail', 'mcp__fixture__slow', 'mcp__fixture__spawn_child'].sort(),
    );
    const echo = tools.find((tool) => tool.tool === 'echo');
    expect(echo).toMatchObject({ server: 'fixture', description: 'Returns the text it is given.' });
    expect(echo?.inputSchema).toMatchObject({ type: 'object', properties: { text: { type: 'string' } } });

    const result = await hub.callTool('task-1', 'mcp__fixture__echo', { text: 'hello' });
    expect(result.isError).toBeFalsy();
    expect(textOf(result)).toBe('hello');

    const disabled = await hub.callTool('task-1', 'mcp__fixture__add', { a: 1, b: 2 });
    expect(disabled.isError).toBe(true);
    expect(textOf(disabled)).toContain('disabled');
  });

  it('follows nextCursor through every page of tools/list', async () => {
    const { hub } = createTestHub();
    await hub.acquire('task-1', [{ config: fixtureConfig('paged', ['--tools-page-size', '2']) }]);
    expect(hub.listTools('task-1').map((tool) => tool.tool).sort()).toEqual(['add', 'crash', 'echo', 'fail', 'slow', 'spawn_child']);
  });

  it('returns tool failures, unknown tools and bad arguments as error results, never exceptions', async () => {
    const { hub } = createTestHub();
    await hub.acquire('task-1', [{ config: fixtureConfig() }]);

    const failed = await hub.callTool('task-1', 'mcp__fixture__fail', { message: 'disk full' });
    expect(failed).toMatchObject({ isError: true });
    expect(textOf(failed)).toBe('disk full');

    const unknown = await hub.callTool('task-1', 'mcp__fixture__nope', {});
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toContain('nope');

    const badArgs = await hub.callTool('task-1', 'mcp__fixture__add', { a: 'one' });
    expect(badArgs.isError).toBe(true);

    const otherServer = await hub.callTool('task-1', 'mcp__elsewhere__echo', { text: 'x' });
    expect(otherServer.isError).toBe(true);
    expect(textOf(otherServer)).toContain('unknown MCP tool');
  });

  it('cancels a running call through its AbortSignal and the server keeps working', async () => {
    const { hub } = createTestHub();
    const [status] = await hub.acquire('task-1', [{ config: fixtureConfig() }]);
    const key = status!.key;
    const controller = new AbortController();
    const call = hub.callTool('task-1', 'mcp__fixture__slow', { ms: 120_000 }, { signal: controller.signal });
    await until(() => hub.serverLog(key).includes('slow: started'), 'the slow tool to start');
    controller.abort();

    const result = await call;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('cancelled');
    // notifications/cancelled reached the server, which stopped the work.
    await until(() => hub.serverLog(key).includes('slow: cancelled'), 'the server to see the cancellation');
    expect(textOf(await hub.callTool('task-1', 'mcp__fixture__echo', { text: 'still here' }))).toBe('still here');
  });

  it('reports a server that dies mid-call, restarts it with growing backoff, then gives up; a manual restart revives it', async () => {
    const { hub, log } = createTestHub();
    const [first] = await hub.acquire('task-1', [{ config: fixtureConfig() }]);
    const key = first!.key;

    const restarted = log.next((status) => status.state === 'ready');
    const crashed = await hub.callTool('task-1', 'mcp__fixture__crash', {});
    expect(crashed.isError).toBe(true);
    expect(textOf(crashed)).toMatch(/stopped while running "crash"/);
    const second = await restarted;
    expect(second).toMatchObject({ key, state: 'ready', restarts: 1 });
    expect(second.pid).not.toBe(first!.pid);
    expect(textOf(await hub.callTool('task-1', 'mcp__fixture__echo', { text: 'back' }))).toBe('back');

    const thirdReady = log.next((status) => status.state === 'ready');
    await hub.callTool('task-1', 'mcp__fixture__crash', {});
    await thirdReady;
    const gaveUp = log.next((status) => status.state === 'failed');
    await hub.callTool('task-1', 'mcp__fixture__crash', {});
    const failed = await gaveUp;
    expect(failed.error).toMatch(/exited unexpectedly.*gave up after 2 restarts/);

    const delays = log.events.flatMap((status) => /restarting in (\d+) ms/.exec(status.error ?? '')?.[1] ?? []).map(Number);
    expect([...new Set(delays)]).toEqual([50, 100]);
    expect(hub.listTools('task-1')).toEqual([]);
    const whileFailed = await hub.callTool('task-1', 'mcp__fixture__echo', { text: 'x' });
    expect(textOf(whileFailed)).toMatch(/not available \(failed/);

    const manual = await hub.restartServer(key);
    expect(manual).toMatchObject({ ok: true, data: { state: 'ready', restarts: 0 } });
    expect(textOf(await hub.callTool('task-1', 'mcp__fixture__echo', { text: 'revived' }))).toBe('revived');
  });

  it('stops the whole process tree when the last holder releases the server', async () => {
    const { hub, log } = createTestHub();
    const [status] = await hub.acquire('task-1', [{ config: fixtureConfig() }]);
    await hub.acquire('task-2', [{ config: fixtureConfig() }]);
    const serverPid = status!.pid!;
    const childPid = Number(textOf(await hub.callTool('task-1', 'mcp__fixture__spawn_child', {})));
    expect(isGone(childPid)).toBe(false);

    await hub.release('task-1');
    expect(isGone(serverPid)).toBe(false); // task-2 still needs it
    expect(hub.statuses()).toHaveLength(1);

    await hub.release('task-2');
    expect(isNotRunning(serverPid)).toBe(true);
    expect(isNotRunning(childPid)).toBe(true);
    expect(log.events.at(-1)).toMatchObject({ state: 'stopped' });
    expect(hub.statuses()).toEqual([]);
  });

  it('stops a server released while it is still starting, without leaving its process', async () => {
    const { hub } = createTestHub();
    const pending = hub.acquire('task-1', [{ config: fixtureConfig() }]);
    await hub.release('task-1');
    expect(await pending).toMatchObject([{ name: 'fixture', state: 'stopped' }]);
    expect(hub.statuses()).toEqual([]);
    expect(await listDescendants(process.pid)).toEqual([]);
  });

  it('kills a server that never answers when its start times out, before reporting it failed', async () => {
    const startsFile = join(tempFolder('braid-mcp-hang-'), 'starts');
    const { hub } = createTestHub({ connectTimeoutMs: 1_000 });
    const [status] = await hub.acquire('task-1', [{ config: fixtureConfig('stuck', ['--hang', '--starts-file', startsFile]) }]);
    expect(status).toMatchObject({ state: 'failed', error: expect.stringContaining('no answer within 1 s') });
    const [pid] = readFileSync(startsFile, 'utf8').split('\n').filter(Boolean).map(Number);
    expect(isNotRunning(pid!)).toBe(true);
    expect(await listDescendants(process.pid)).toEqual([]);
  });

  it('with an idle delay, keeps an unused server briefly for the next task, then stops it', async () => {
    const { hub, log } = createTestHub({ idleStopMs: 100 });
    const [first] = await hub.acquire('task-1', [{ config: fixtureConfig() }]);
    await hub.release('task-1');
    expect(isGone(first!.pid!)).toBe(false);
    const [second] = await hub.acquire('task-2', [{ config: fixtureConfig() }]);
    expect(second!.pid).toBe(first!.pid);

    const stopped = log.next((status) => status.state === 'stopped');
    await hub.release('task-2');
    await stopped;
    expect(isNotRunning(first!.pid!)).toBe(true);
  });

  it('leaves no process behind on close, and kills children a crashed server orphaned', async () => {
    const { hub, log } = createTestHub();
    const statuses = await hub.acquire('task-1', [{ config: fixtureConfig('one') }, { config: fixtureConfig('two', ['--tools-page-size', '3']) }]);
    const children = [
      Number(textOf(await hub.callTool('task-1', 'mcp__one__spawn_child', {}))),
      Number(textOf(await hub.callTool('task-1', 'mcp__two__spawn_child', {}))),
    ];

    // A crash orphans server one's child; the hub remembered it and kills it.
    const orphan = Number(textOf(await hub.callTool('task-1', 'mcp__one__spawn_child', {})));
    const restarted = log.next((status) => status.name === 'one' && status.state === 'ready');
    await hub.callTool('task-1', 'mcp__one__crash', {});
    await restarted;
    await until(() => isNotRunning(orphan), 'the orphaned child to be killed');
    const restartedPid = hub.statuses().find((status) => status.name === 'one')!.pid!;

    await hub.close();
    for (const pid of [...statuses.map((status) => status.pid!), restartedPid, ...children.slice(1)]) expect(isNotRunning(pid)).toBe(true);
    expect(isNotRunning(children[0]!)).toBe(true);
    expect(await listDescendants(process.pid)).toEqual([]);
    expect(await hub.acquire('task-2', [{ config: fixtureConfig() }])).toMatchObject([{ state: 'stopped' }]);
  });

  it('fails clearly when the command does not exist or a variable is unset, and tries again on the next acquire', async () => {
    const { hub } = createTestHub({ env: {} });
    const [missing] = await hub.acquire('task-1', [{ config: { name: 'ghost', command: '/nonexistent/mcp-server' } }]);
    expect(missing).toMatchObject({ state: 'failed' });
    expect(missing!.error).toMatch(/ENOENT|not found/);

    const [unset] = await hub.acquire('task-1', [{ config: { ...fixtureConfig(), env: { TOKEN: '${FIXTURE_TOKEN}' } } }]);
    expect(unset).toMatchObject({ state: 'failed' });
    expect(unset!.error).toContain('FIXTURE_TOKEN');

    const withDefault = { ...fixtureConfig(), env: { TOKEN: '${FIXTURE_TOKEN:-anonymous}' } };
    expect(await hub.acquire('task-1', [{ config: withDefault }])).toMatchObject([{ state: 'ready', key: serverKey(withDefault) }]);
  });

  it('tests a connection without keeping anything running', async () => {
    const { hub } = createTestHub();
    const tested = await hub.testConnection(fixtureConfig());
    expect(tested.ok && tested.data.tools.map((tool) => tool.name)).toContain('echo');
    expect(hub.statuses()).toEqual([]);

    const broken = await hub.testConnection({ name: 'broken', command: process.execPath, args: ['-e', 'console.error("bad token"); process.exit(3)'] });
    expect(broken).toMatchObject({ ok: false, error: { code: 'MCP_SERVER_FAILED' } });
    expect(!broken.ok && broken.error.message).toContain('bad token');
  });

  it('offers the server prompts and renders one', async () => {
    const { hub } = createTestHub();
    await hub.acquire('task-1', [{ config: fixtureConfig() }]);
    expect(await hub.listPrompts('task-1')).toEqual([
      { server: 'fixture', name: 'greet', description: 'Greets someone by name.', arguments: [{ name: 'name', required: true }] },
    ]);
    const prompt = await hub.getPrompt('task-1', 'fixture', 'greet', { name: 'Ada' });
    expect(prompt.ok && prompt.data.messages[0]?.content).toEqual({ type: 'text', text: 'Hello, Ada!' });
  });
});
