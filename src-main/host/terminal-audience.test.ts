import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TerminalInfo } from '../../src-shared/contract';
import { readyTask } from '../testing/headless-terminal-view';
import { makeTempDir } from '../testing/git-fixtures';
import { connectWire, type WireClient } from '../testing/wire-client';
import { createHost, type Host } from './create-host';
import { createAccessToken } from './web-auth';
import { startWebServer, type WebServer } from './web-server';

const until = { timeout: 15_000, interval: 20 };
let host: Host | undefined;
let server: WebServer | undefined;
const clients: WireClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
  await server?.close();
  server = undefined;
  await host?.close();
  host = undefined;
});

/** A web-mode client that keeps the terminal output and the other events it is sent. */
async function connect(url: string) {
  const client = await connectWire(url);
  clients.push(client);
  const seen = { output: '', events: [] as string[] };
  client.subscribe((event, payload) => {
    seen.events.push(event);
    if (event === 'terminals.data') seen.output += (payload as { data: string }).data;
  });
  return { client, seen };
}

describe.runIf(process.platform !== 'win32')('a terminal’s output over web mode', () => {
  it('reaches only the connections that show the terminal: from their snapshot until they detach', { timeout: 60_000 }, async () => {
    const dataDir = makeTempDir('braid-terminal-audience-');
    host = await createHost({ dataDir, mode: 'web', version: 'test', production: false, env: {}, log: () => {} });
    server = await startWebServer({ host, rendererDir: dataDir, token: createAccessToken(), bindHost: '127.0.0.1', port: 0, production: true });
    const { taskId } = await readyTask(host);
    let emitted = '';
    host.subscribe((event, payload) => {
      if (event === 'terminals.data') emitted += (payload as { data: string }).data;
    });

    const watching = await connect(server.url);
    const other = await connect(server.url);
    const terminal = await watching.client.invoke<TerminalInfo>('terminals.open', { taskId, cols: 80, rows: 24 });
    const ref = { taskId, terminalId: terminal.id };
    await watching.client.invoke('terminals.snapshot', ref);
    await watching.client.invoke('terminals.input', { ...ref, data: 'echo one-$((40+2))\r' });
    await vi.waitFor(() => expect(watching.seen.output).toContain('one-42'), until);
    // A round trip after the output went out: on one socket, events sent before its answer arrive first.
    await other.client.invoke('app.info', {});
    expect(other.seen.events).toContain('terminals.changed');
    expect(other.seen.output).toBe('');

    // A snapshot the host refuses (named under another task) shows nothing either.
    const elsewhere = await readyTask(host, 'Elsewhere');
    await expect(other.client.invoke('terminals.snapshot', { taskId: elsewhere.taskId, terminalId: terminal.id })).rejects.toThrow(/no such terminal/);
    await watching.client.invoke('terminals.detach', ref);
    await watching.client.invoke('terminals.input', { ...ref, data: 'echo two-$((40+2))\r' });
    await vi.waitFor(() => expect(emitted).toContain('two-42'), until);
    await Promise.all([watching.client.invoke('app.info', {}), other.client.invoke('app.info', {})]);
    expect(watching.seen.output).not.toContain('two-42');
    expect(other.seen.output).toBe('');

    // Shown again: from the new snapshot on.
    await watching.client.invoke('terminals.snapshot', ref);
    await watching.client.invoke('terminals.input', { ...ref, data: 'echo three-$((40+2))\r' });
    await vi.waitFor(() => expect(watching.seen.output).toContain('three-42'), until);
  });

  it('is not even sent to the host while no connection shows the terminal, and is again once one does', { timeout: 60_000 }, async () => {
    const dataDir = makeTempDir('braid-terminal-audience-');
    host = await createHost({ dataDir, mode: 'web', version: 'test', production: false, env: {}, log: () => {} });
    server = await startWebServer({ host, rendererDir: dataDir, token: createAccessToken(), bindHost: '127.0.0.1', port: 0, production: true });
    const { taskId } = await readyTask(host);
    // What the host itself emits (a listener like a transport's, which wants only terminals shown).
    let emitted = '';
    const exited = new Set<string>();
    host.subscribe(
      (event, payload) => {
        if (event === 'terminals.data') emitted += (payload as { data: string }).data;
        if (event === 'terminals.changed') for (const t of (payload as { terminals: TerminalInfo[] }).terminals) if (t.state === 'exited') exited.add(t.id);
      },
      { terminalOutput: 'shown' },
    );
    const user = await connect(server.url);

    // Nobody shows it: the output stays in the pty host's mirror (the shell's exit comes after its last output).
    const hidden = await user.client.invoke<TerminalInfo>('terminals.open', { taskId, cols: 80, rows: 24 });
    await user.client.invoke('terminals.input', { taskId, terminalId: hidden.id, data: 'echo hidden-$((40+2)); exit\r' });
    await vi.waitFor(() => expect(exited.has(hidden.id)).toBe(true), until);
    expect(emitted).not.toContain('hidden-42');
    const replay = await user.client.invoke<{ data: string }>('terminals.snapshot', { taskId, terminalId: hidden.id });
    expect(replay.data).toContain('hidden-42');

    // Shown: sent. A connection that closes while showing it shows it no more.
    const shown = await user.client.invoke<TerminalInfo>('terminals.open', { taskId, cols: 80, rows: 24 });
    const ref = { taskId, terminalId: shown.id };
    await user.client.invoke('terminals.snapshot', ref);
    await user.client.invoke('terminals.input', { ...ref, data: 'echo shown-$((40+2))\r' });
    await vi.waitFor(() => expect(emitted).toContain('shown-42'), until);
    await user.client.close();
    clients.splice(clients.indexOf(user.client), 1);
    const other = await connect(server.url);
    await other.client.invoke('terminals.input', { ...ref, data: 'echo after-$((40+2)); exit\r' });
    await vi.waitFor(() => expect(exited.has(shown.id)).toBe(true), until);
    expect(emitted).not.toContain('after-42');
  });
});
