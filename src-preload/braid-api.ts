import { fail, ipcChannels, isEventName, isMethodName, type BraidApi, type EventName, type Result } from '../src-shared/contract';

/** The two things the preload needs from `ipcRenderer`, so the API is testable without Electron. */
export interface PreloadIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, message: unknown) => void): unknown;
}

type Listener = (payload: unknown) => void;

/**
 * `window.braid`. Only contract method and event names pass; nothing of `ipcRenderer` or
 * of Electron's event objects reaches the page. `invoke` always resolves to a Result, like
 * the web-mode bridge, so the UI handles one shape.
 */
export function createBraidApi(ipc: PreloadIpc): BraidApi {
  const listeners = new Map<EventName, Set<Listener>>();
  let listening = false;

  const deliver = (_event: unknown, message: unknown): void => {
    if (typeof message !== 'object' || message === null) return;
    const { event, payload } = message as { event?: unknown; payload?: unknown };
    if (!isEventName(event)) return;
    for (const listener of [...(listeners.get(event) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        // One broken listener must not starve the others.
        console.error(`braid: a listener for ${event} threw`, error);
      }
    }
  };

  const api = {
    async invoke(method: unknown, input: unknown): Promise<Result<unknown>> {
      if (!isMethodName(method)) return fail('UNKNOWN_METHOD', `Unknown method: ${String(method).slice(0, 100)}`);
      try {
        return (await ipc.invoke(ipcChannels.invoke, method, input)) as Result<unknown>;
      } catch (error) {
        // Only if the main process has no handler yet or is going away.
        return fail('INTERNAL', `Braid did not answer: ${error instanceof Error ? error.message : String(error)}`);
      }
    },

    on(event: unknown, listener: unknown): () => void {
      if (!isEventName(event)) throw new TypeError(`Unknown event: ${String(event).slice(0, 100)}`);
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      if (!listening) {
        ipc.on(ipcChannels.event, deliver);
        listening = true;
      }
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      // Wrapped so subscribing the same function twice gives two independent subscriptions.
      const entry: Listener = (payload) => (listener as Listener)(payload);
      set.add(entry);
      return () => {
        set.delete(entry);
      };
    },
  };
  return api as BraidApi;
}
