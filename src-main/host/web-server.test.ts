import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { makeTempDir } from '../testing/git-fixtures';
import { createHost, type Host } from './create-host';
import { createAccessToken } from './web-auth';
import { startWebServer, type WebServer } from './web-server';

/** Connects and records everything that happens, so a refused client provably got no data. */
function probe(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number | null; messages: string[]; opened: boolean }>((resolve) => {
    const ws = new WebSocket(url, { headers });
    const outcome = { status: null as number | null, messages: [] as string[], opened: false };
    ws.on('message', (data) => outcome.messages.push(data.toString()));
    ws.on('unexpected-response', (_req, res) => {
      outcome.status = res.statusCode ?? null;
      res.on('data', (chunk: Buffer) => outcome.messages.push(chunk.toString()));
      res.on('end', () => resolve(outcome));
    });
    ws.on('open', () => {
      outcome.opened = true;
      ws.close();
    });
    ws.on('close', () => resolve(outcome));
    ws.on('error', () => undefined);
  });
}

function request(ws: WebSocket, id: number, method: string, input: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as { kind: string; id?: number; result?: unknown };
      if (message.kind === 'result' && message.id === id) {
        ws.off('message', onMessage);
        resolve(message.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, method, input }));
  });
}

describe('web mode server', () => {
  let host: Host;
  let server: WebServer;
  const token = createAccessToken();
  let base: string;

  beforeAll(async () => {
    const dataDir = makeTempDir('braid-web-');
    const rendererDir = join(dataDir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Braid</title>');
    host = await createHost({ dataDir, mode: 'web', version: '0.0.0-test', production: false });
    server = await startWebServer({ host, rendererDir, token, bindHost: '127.0.0.1', port: 0, production: true });
    base = `ws://127.0.0.1:${server.port}/ws`;
  });

  afterAll(async () => {
    await server.close();
    await host.close();
  });

  it('prints a loopback URL that carries the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${token}`);
  });

  it.each([
    ['no token', () => base, () => ({}), 401],
    ['a wrong token', () => `${base}?token=${createAccessToken()}`, () => ({}), 401],
    ['a foreign Origin', () => `${base}?token=${token}`, () => ({ Origin: 'http://evil.example' }), 403],
    ['a rebound Host header', () => `${base}?token=${token}`, () => ({ Host: `evil.example:${server.port}` }), 421],
  ])('refuses a WebSocket with %s before sending any data', async (_name, url, headers, status) => {
    const outcome = await probe(url(), headers());
    expect(outcome.opened).toBe(false);
    expect(outcome.status).toBe(status);
    expect(outcome.messages.join('')).toBe('');
  });

  it('serves the contract to a client with the token and a same-origin Origin', async () => {
    const ws = new WebSocket(`${base}?token=${token}`, { headers: { Origin: `http://127.0.0.1:${server.port}` } });
    await new Promise((resolve) => ws.once('open', resolve));
    expect(await request(ws, 1, 'app.info', {})).toMatchObject({ ok: true, data: { mode: 'web', version: '0.0.0-test' } });
    expect(await request(ws, 2, 'projects.add', { path: '/definitely/not/here' })).toMatchObject({ ok: false, error: { code: 'PATH_NOT_FOUND' } });
    expect(await request(ws, 3, 'shell.exec', { cmd: 'rm -rf /' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('not json');
    expect(await closed).toBe(4400);
  });

  it('answers HTTP only for the expected Host, with a strict CSP', async () => {
    const ok = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(ok.headers.get('content-security-policy')).not.toContain('unsafe-eval');
    const rebound = await new Promise<number>((resolve) => {
      // fetch() will not let us forge Host, so use a raw request.
      import('node:http').then(({ request: httpRequest }) => {
        const req = httpRequest({ host: '127.0.0.1', port: server.port, path: '/', headers: { Host: 'evil.example' } }, (res) => resolve(res.statusCode ?? 0));
        req.end();
      });
    });
    expect(rebound).toBe(421);
  });
});
