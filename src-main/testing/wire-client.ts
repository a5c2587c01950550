import WebSocket from 'ws';
import type { EventName, Result, WireMessage } from '../../src-shared/contract';

export interface WireClient {
  /** Calls a contract method; a failed Result is thrown, as the bench expects every call to work. */
  invoke<T>(method: string, input: unknown): Promise<T>;
  subscribe(listener: (event: EventName, payload: unknown) => void): () => void;
  close(): Promise<void>;
}

/** The contract over web mode's WebSocket, from Node (no Origin header: the token alone admits it). */
export async function connectWire(hostUrl: string): Promise<WireClient> {
  const page = new URL(hostUrl);
  const socket = new WebSocket(`ws://${page.host}/ws?token=${encodeURIComponent(page.searchParams.get('token') ?? '')}`);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<number, { method: string; resolve(value: unknown): void; reject(error: Error): void }>();
  const listeners = new Set<(event: EventName, payload: unknown) => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as WireMessage;
    if (message.kind === 'event') {
      for (const listener of listeners) listener(message.event as EventName, message.payload);
      return;
    }
    const call = pending.get(message.id);
    if (!call) return;
    pending.delete(message.id);
    const result = message.result as Result<unknown>;
    if (result.ok) call.resolve(result.data);
    else call.reject(new Error(`${call.method}: ${result.error.message}`));
  });
  socket.on('close', () => {
    for (const call of pending.values()) call.reject(new Error(`${call.method}: the host closed the connection`));
    pending.clear();
  });
  return {
    invoke<T>(method: string, input: unknown): Promise<T> {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { method, resolve: resolve as (value: unknown) => void, reject });
        socket.send(JSON.stringify({ id, method, input }));
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      if (socket.readyState === WebSocket.CLOSED) return;
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      socket.close();
      await closed;
    },
  };
}
