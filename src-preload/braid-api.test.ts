import { describe, expect, it } from 'vitest';
import { ipcChannels, ok, type BraidApi } from '../src-shared/contract';
import { createBraidApi, type PreloadIpc } from './braid-api';

class FakeIpcRenderer implements PreloadIpc {
  readonly invoked: unknown[][] = [];
  readonly channels = new Map<string, ((event: unknown, message: unknown) => void)[]>();
  answer: (method: unknown, input: unknown) => Promise<unknown> = async (method) => ok({ echoed: method });

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push([channel, ...args]);
    return this.answer(args[0], args[1]);
  }
  on(channel: string, listener: (event: unknown, message: unknown) => void): void {
    this.channels.set(channel, [...(this.channels.get(channel) ?? []), listener]);
  }
  /** What the main process does with `webContents.send`. */
  push(message: unknown): void {
    const rawEvent = { sender: 'ipcRenderer', ports: [] };
    for (const listener of this.channels.get(ipcChannels.event) ?? []) listener(rawEvent, message);
  }
}

/** The page's view: names it does not know are not in the types either. */
type LooseApi = { invoke(method: unknown, input: unknown): Promise<unknown>; on(event: unknown, listener: unknown): () => void };
const loose = (api: BraidApi) => api as unknown as LooseApi;

describe('createBraidApi', () => {
  it('exposes only invoke and on', () => {
    expect(Object.keys(createBraidApi(new FakeIpcRenderer())).sort()).toEqual(['invoke', 'on']);
  });

  it('sends contract methods over the invoke channel and returns the host result', async () => {
    const ipc = new FakeIpcRenderer();
    const api = createBraidApi(ipc);
    expect(await api.invoke('projects.list', {})).toEqual(ok({ echoed: 'projects.list' }));
    expect(ipc.invoked).toEqual([[ipcChannels.invoke, 'projects.list', {}]]);
  });

  it.each(['nope', 'constructor', '__proto__', 'toString', 42, null])('refuses method %s without touching IPC', async (method) => {
    const ipc = new FakeIpcRenderer();
    const result = (await loose(createBraidApi(ipc)).invoke(method, {})) as { ok: boolean; error?: { code: string } };
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(ipc.invoked).toEqual([]);
  });

  it('resolves with INTERNAL instead of rejecting when main does not answer', async () => {
    const ipc = new FakeIpcRenderer();
    ipc.answer = async () => {
      throw new Error("No handler registered for 'braid:invoke'");
    };
    expect(await createBraidApi(ipc).invoke('app.info', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('gives listeners only the payload of their own event, until they unsubscribe', () => {
    const ipc = new FakeIpcRenderer();
    const api = createBraidApi(ipc);
    const received: unknown[][] = [];
    const off = api.on('projects.changed', (...args: unknown[]) => received.push(args));
    api.on('tasks.removed', () => received.push(['wrong listener']));

    ipc.push({ event: 'projects.changed', payload: { projects: [] } });
    expect(received).toEqual([[{ projects: [] }]]);

    off();
    off();
    ipc.push({ event: 'projects.changed', payload: { projects: [] } });
    expect(received).toHaveLength(1);
  });

  it('ignores malformed or unknown messages from the channel', () => {
    const ipc = new FakeIpcRenderer();
    const api = createBraidApi(ipc);
    const received: unknown[] = [];
    api.on('projects.changed', (payload) => received.push(payload));
    for (const message of [null, 'projects.changed', { event: 'evil' }, { event: '__proto__', payload: 1 }]) ipc.push(message);
    expect(received).toEqual([]);
  });

  it('keeps delivering to other listeners when one throws', () => {
    const ipc = new FakeIpcRenderer();
    const api = createBraidApi(ipc);
    const received: unknown[] = [];
    const originalError = console.error;
    console.error = () => {};
    try {
      api.on('projects.changed', () => {
        throw new Error('broken view');
      });
      api.on('projects.changed', (payload) => received.push(payload));
      ipc.push({ event: 'projects.changed', payload: { projects: [] } });
    } finally {
      console.error = originalError;
    }
    expect(received).toEqual([{ projects: [] }]);
  });

  it('refuses unknown events and non-function listeners without subscribing to IPC', () => {
    const ipc = new FakeIpcRenderer();
    const api = loose(createBraidApi(ipc));
    expect(() => api.on('evil', () => {})).toThrow(TypeError);
    expect(() => api.on('projects.changed', 'not a function')).toThrow(TypeError);
    expect(ipc.channels.size).toBe(0);
  });

  it('listens on the IPC channel once however many subscribers there are', () => {
    const ipc = new FakeIpcRenderer();
    const api = createBraidApi(ipc);
    api.on('projects.changed', () => {});
    api.on('tasks.changed', () => {});
    expect(ipc.channels.get(ipcChannels.event)).toHaveLength(1);
  });
});
