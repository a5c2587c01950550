import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import { ok, type WireRequest } from '../../src-shared/contract';
import type { Connection, ConnectionState } from './bridge';
import { createWebSocketBridge, type WebSocketBridge } from './websocket-bridge';

// Real sockets: Node's global WebSocket (the same API as the browser's) against a `ws` server.

type OnRequest = (request: WireRequest, socket: ServerSocket) => void;

const servers: WebSocketServer[] = [];
const bridges: WebSocketBridge[] = [];

async function startServer(onRequest: OnRequest, refuse = false): Promise<{ wss: WebSocketServer; url: string }> {
  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    verifyClient: (_info, done) => (refuse ? done(false, 401, 'Unauthorized') : done(true)),
  });
  servers.push(wss);
  wss.on('connection', (socket) => {
    socket.on('message', (data) => onRequest(JSON.parse(data.toString()) as WireRequest, socket));
  });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const address = wss.address();
  if (address === null || typeof address === 'string') throw new Error('expected a TCP address');
  return { wss, url: `ws://127.0.0.1:${address.port}/ws?token=t` };
}

function bridgeTo(url: string): WebSocketBridge {
  const bridge = createWebSocketBridge({ url, reconnectDelay: { initialMs: 5, maxMs: 20 }, connectTimeoutMs: 2_000 });
  bridges.push(bridge);
  return bridge;
}

function reach(connection: Connection, wanted: ConnectionState): Promise<void> {
  if (connection.current() === wanted) return Promise.resolve();
  return new Promise((resolve) => {
    const off = connection.subscribe((state) => {
      if (state !== wanted) return;
      off();
      resolve();
    });
  });
}

const reply = (socket: ServerSocket, id: number, result: unknown) => socket.send(JSON.stringify({ kind: 'result', id, result }));

afterEach(async () => {
  for (const bridge of bridges.splice(0)) bridge.dispose();
  for (const wss of servers.splice(0)) {
    for (const client of wss.clients) client.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  }
});

describe('WebSocket bridge', () => {
  it('matches each result to its call even when the host answers out of order', async () => {
    const held: { request: WireRequest; socket: ServerSocket }[] = [];
    const { url } = await startServer((request, socket) => {
      held.push({ request, socket });
      // Answer both only once both arrived, the second one first.
      if (held.length === 2) for (const { request: r, socket: s } of [...held].reverse()) reply(s, r.id, ok({ echo: r.input }));
    });
    const { api } = bridgeTo(url);

    const [first, second] = await Promise.all([
      api.invoke('projects.branches', { projectId: 'aaaaaa' }),
      api.invoke('projects.branches', { projectId: 'bbbbbb' }),
    ]);

    expect(first).toEqual(ok({ echo: { projectId: 'aaaaaa' } }));
    expect(second).toEqual(ok({ echo: { projectId: 'bbbbbb' } }));
    expect(held.map((h) => h.request.method)).toEqual(['projects.branches', 'projects.branches']);
  });

  it('delivers host events to listeners until they unsubscribe', async () => {
    let client: ServerSocket | undefined;
    const { url } = await startServer((request, socket) => {
      client = socket;
      reply(socket, request.id, ok([]));
    });
    const { api } = bridgeTo(url);
    const received: string[] = [];
    const off = api.on('tasks.removed', ({ taskId }) => received.push(taskId));
    await api.invoke('projects.list', {});

    const push = (taskId: string) =>
      client?.send(JSON.stringify({ kind: 'event', event: 'tasks.removed', payload: { projectId: 'pppppp', taskId } }));
    push('t00001');
    // A round trip after the event proves the event frame was processed (frames arrive in order).
    await api.invoke('projects.list', {});
    off();
    push('t00002');
    await api.invoke('projects.list', {});

    expect(received).toEqual(['t00001']);
  });

  it('fails calls in flight when the connection drops, then reconnects and keeps serving', async () => {
    let dropNext = true;
    const { url } = await startServer((request, socket) => {
      if (request.method === 'projects.list' && dropNext) {
        dropNext = false;
        socket.terminate();
        return;
      }
      reply(socket, request.id, ok([]));
    });
    const { api, connection } = bridgeTo(url);
    const seen: ConnectionState[] = [];
    connection.subscribe((state) => seen.push(state));

    const lost = await api.invoke('projects.list', {});
    expect(lost).toMatchObject({ ok: false, error: { code: 'INTERNAL', details: { reason: 'connection-lost' } } });

    await reach(connection, 'open');
    expect(await api.invoke('projects.list', {})).toEqual(ok([]));
    expect(seen).toEqual(['open', 'reconnecting', 'open']);
  });

  it('does not leave calls hanging while the host stays away', async () => {
    const { wss, url } = await startServer((request, socket) => reply(socket, request.id, ok([])));
    const { api, connection } = bridgeTo(url);
    await reach(connection, 'open');

    for (const client of wss.clients) client.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    await reach(connection, 'reconnecting');

    const result = await api.invoke('projects.list', {});
    expect(result).toMatchObject({ ok: false, error: { details: { reason: 'connection-lost' } } });
    expect(connection.current()).toBe('reconnecting');
  });

  it('reports a refused first connection as unauthorized and fails calls made meanwhile', async () => {
    const { url } = await startServer(() => {}, true);
    const { api, connection } = bridgeTo(url);

    const result = await api.invoke('app.info', {});

    expect(result.ok).toBe(false);
    await reach(connection, 'unauthorized');
    expect(await api.invoke('app.info', {})).toMatchObject({ ok: false });
  });
});
