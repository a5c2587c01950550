import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { fail, ipcChannels, ok, type EventName, type Result } from '../../src-shared/contract';
import { isTrustedSender, registerIpcTransport, type IpcHost } from './ipc-transport';

describe('isTrustedSender', () => {
  const trustedIds = new Set([1, 2]);
  const facts = { frameUrl: 'app://braid/index.html', isMainFrame: true, senderId: 1, trustedIds };

  it('trusts the top frame of our own window showing our page', () => {
    expect(isTrustedSender(facts)).toBe(true);
    expect(isTrustedSender({ ...facts, senderId: 2, frameUrl: 'app://braid/projects/abc' })).toBe(true);
  });

  it.each([
    ['a subframe', { isMainFrame: false }],
    ['a window we did not open', { senderId: 3 }],
    ['a frame that is gone', { frameUrl: null }],
    ['a page on another origin', { frameUrl: 'https://evil.example/' }],
    ['a look-alike app origin', { frameUrl: 'app://braid.evil/' }],
    ['a file page', { frameUrl: 'file:///tmp/index.html' }],
    ['the dev server when none runs', { frameUrl: 'http://localhost:5173/' }],
  ])('refuses %s', (_name, change) => {
    expect(isTrustedSender({ ...facts, ...change })).toBe(false);
  });

  it('trusts the dev server page while developing', () => {
    expect(isTrustedSender({ ...facts, frameUrl: 'http://localhost:5173/', devServerUrl: 'http://localhost:5173' })).toBe(true);
  });
});

type InvokeHandler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

/** Electron's ipcMain reduced to what the transport uses. */
class FakeIpcMain {
  readonly handlers = new Map<string, InvokeHandler>();
  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(event: IpcMainInvokeEvent, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(ipcChannels.invoke);
    if (!handler) throw new Error('no handler');
    return handler(event, ...args);
  }
}

function fakeWindow(id: number, url = 'app://braid/index.html') {
  const mainFrame = { url, parent: null };
  const sent: unknown[] = [];
  const contents = {
    id,
    mainFrame,
    destroyed: false,
    isDestroyed() {
      return this.destroyed;
    },
    getURL: () => mainFrame.url,
    send: (channel: string, message: unknown) => sent.push([channel, message]),
    listeners: new Set<(details: { isMainFrame: boolean; isSameDocument: boolean }) => void>(),
    on(_event: 'did-start-navigation', listener: (details: { isMainFrame: boolean; isSameDocument: boolean }) => void) {
      this.listeners.add(listener);
    },
    off(_event: 'did-start-navigation', listener: (details: { isMainFrame: boolean; isSameDocument: boolean }) => void) {
      this.listeners.delete(listener);
    },
    /** The page reloads (or navigates): Electron's `did-start-navigation` for the main frame. */
    reload() {
      for (const listener of [...this.listeners]) listener({ isMainFrame: true, isSameDocument: false });
    },
  };
  return { contents, sent, asContents: contents as unknown as WebContents };
}

function invokeEventFrom(window: ReturnType<typeof fakeWindow>, frame: unknown = window.contents.mainFrame): IpcMainInvokeEvent {
  return { sender: window.contents, senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

function setUp(dispatch: IpcHost['dispatch'] = async (method) => ok({ method })) {
  const ipcMain = new FakeIpcMain();
  const calls: unknown[][] = [];
  let listener: ((event: EventName, payload: unknown) => void) | null = null;
  /** Terminals some window tells the host it shows, one entry per viewer. */
  const watched: string[] = [];
  const host: IpcHost = {
    dispatch: (method, input) => {
      calls.push([method, input]);
      return dispatch(method, input);
    },
    subscribe: (l) => {
      listener = l;
      return () => (listener = null);
    },
    watchTerminalOutput: (terminalId) => {
      watched.push(terminalId);
      return () => watched.splice(watched.indexOf(terminalId), 1);
    },
  };
  const ours = fakeWindow(7);
  const windows = [ours];
  const lines: string[] = [];
  const dispose = registerIpcTransport({
    ipcMain,
    host,
    windows: () => windows.map((w) => w.asContents),
    devServerUrl: null,
    log: (line) => lines.push(line),
  });
  return { ipcMain, calls, ours, windows, lines, dispose, watched, emit: (e: EventName, p: unknown) => listener?.(e, p), hasListener: () => listener !== null };
}

describe('registerIpcTransport', () => {
  it('passes calls from our window to the host and returns its result', async () => {
    const { ipcMain, calls, ours } = setUp();
    const result = await ipcMain.invoke(invokeEventFrom(ours), 'projects.list', {});
    expect(result).toEqual(ok({ method: 'projects.list' }));
    expect(calls).toEqual([['projects.list', {}]]);
  });

  it('refuses subframes, foreign windows and vanished frames without calling the host', async () => {
    const { ipcMain, calls, ours, lines } = setUp();
    const stranger = fakeWindow(99);
    const subframe = { url: 'app://braid/index.html', parent: ours.contents.mainFrame };
    for (const event of [invokeEventFrom(ours, subframe), invokeEventFrom(stranger), invokeEventFrom(ours, null)]) {
      const result = (await ipcMain.invoke(event, 'projects.list', {})) as Result<unknown>;
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('UNSUPPORTED');
    }
    expect(calls).toEqual([]);
    expect(lines).toHaveLength(3);
  });

  it('refuses our window once it shows another page', async () => {
    const { ipcMain, calls, ours } = setUp();
    ours.contents.mainFrame.url = 'https://evil.example/';
    const result = (await ipcMain.invoke(invokeEventFrom(ours), 'projects.list', {})) as Result<unknown>;
    expect(result.ok).toBe(false);
    expect(calls).toEqual([]);
  });

  it('turns a throwing host into an INTERNAL failure instead of a rejected invoke', async () => {
    const { ipcMain, ours } = setUp(async () => {
      throw new Error('boom');
    });
    const result = (await ipcMain.invoke(invokeEventFrom(ours), 'projects.list', {})) as Result<unknown>;
    expect(result).toEqual(fail('INTERNAL', 'Unexpected error: boom'));
  });

  it('delivers host events to every live window on our page, payload wrapped with its name', () => {
    const { ours, windows, emit } = setUp();
    const second = fakeWindow(8);
    const closing = fakeWindow(9);
    closing.contents.destroyed = true;
    const elsewhere = fakeWindow(10, 'https://evil.example/');
    windows.push(second, closing, elsewhere);

    emit('projects.changed', { projects: [] });

    const message = [ipcChannels.event, { event: 'projects.changed', payload: { projects: [] } }];
    expect(ours.sent).toEqual([message]);
    expect(second.sent).toEqual([message]);
    expect(closing.sent).toEqual([]);
    expect(elsewhere.sent).toEqual([]);
  });

  it('delivers a terminal’s output only to windows that show it: from a granted snapshot until detach', async () => {
    const shown = 'a'.repeat(32);
    const refused = 'b'.repeat(32);
    const { ipcMain, ours, windows, emit } = setUp(async (method, input) =>
      method === 'terminals.snapshot' && (input as { terminalId: string }).terminalId === refused ? fail('NOT_FOUND', 'no such terminal') : ok({}),
    );
    const second = fakeWindow(8);
    windows.push(second);
    const outputs = (window: ReturnType<typeof fakeWindow>) =>
      window.sent.map((sent) => (sent as [string, { event: string; payload: { data?: string } }])[1]).filter((message) => message.event === 'terminals.data').map((message) => message.payload.data);

    await ipcMain.invoke(invokeEventFrom(ours), 'terminals.snapshot', { taskId: 'task-1', terminalId: shown });
    await ipcMain.invoke(invokeEventFrom(ours), 'terminals.snapshot', { taskId: 'task-1', terminalId: refused });
    emit('terminals.data', { terminalId: shown, from: 0, data: 'one' });
    emit('terminals.data', { terminalId: refused, from: 0, data: 'not shown' });
    emit('projects.changed', { projects: [] });
    expect(outputs(ours)).toEqual(['one']);
    expect(outputs(second)).toEqual([]);
    expect(second.sent).toHaveLength(1); // the other event

    await ipcMain.invoke(invokeEventFrom(ours), 'terminals.detach', { taskId: 'task-1', terminalId: shown });
    emit('terminals.data', { terminalId: shown, from: 3, data: 'two' });
    expect(outputs(ours)).toEqual(['one']);
  });

  it('tells the host which terminals a window shows, and that a closed window shows none', async () => {
    const shown = 'a'.repeat(32);
    const { ipcMain, ours, windows, emit, watched } = setUp();
    await ipcMain.invoke(invokeEventFrom(ours), 'terminals.snapshot', { taskId: 'task-1', terminalId: shown });
    // A second snapshot of the same terminal (a resync) is still one viewer.
    await ipcMain.invoke(invokeEventFrom(ours), 'terminals.snapshot', { taskId: 'task-1', terminalId: shown });
    expect(watched).toEqual([shown]);
    windows.splice(0);
    emit('projects.changed', { projects: [] });
    expect(watched).toEqual([]);
  });

  it('a reloaded page shows no terminal until it asks for one: the old page’s terminals are released and not sent', async () => {
    const shown = 'a'.repeat(32);
    const { ipcMain, ours, emit, watched } = setUp();
    const outputs = () => ours.sent.map((sent) => (sent as [string, { event: string }])[1]).filter((message) => message.event === 'terminals.data');
    await ipcMain.invoke(invokeEventFrom(ours), 'terminals.snapshot', { taskId: 'task-1', terminalId: shown });
    // A link clicked within the page (same document) changes nothing.
    for (const listener of ours.contents.listeners) listener({ isMainFrame: true, isSameDocument: true });
    expect(watched).toEqual([shown]);
    ours.contents.reload();
    expect(watched).toEqual([]);
    emit('terminals.data', { terminalId: shown, from: 0, data: 'for the old page' });
    expect(outputs()).toEqual([]);
    // The new page shows it again: one viewer, and its output reaches the window.
    await ipcMain.invoke(invokeEventFrom(ours), 'terminals.snapshot', { taskId: 'task-1', terminalId: shown });
    emit('terminals.data', { terminalId: shown, from: 0, data: 'for the new page' });
    expect(watched).toEqual([shown]);
    expect(outputs()).toHaveLength(1);
  });

  it('removes the handler and the subscription when disposed', () => {
    const { ipcMain, dispose, hasListener } = setUp();
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
    expect(hasListener()).toBe(false);
  });
});
