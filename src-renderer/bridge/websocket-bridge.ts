import {
  fail,
  isEventName,
  wireCloseCodes,
  type EventName,
  type EventPayload,
  type Fail,
  type MethodInput,
  type MethodName,
  type MethodOutput,
  type Result,
  type WireRequest,
} from '../../src-shared/contract';
import type { Bridge, BridgeHandle, Connection, ConnectionState } from './bridge';

export interface WebSocketBridgeOptions {
  /** `ws(s)://host/ws?token=…` */
  url: string;
  /** Delay before reconnect attempt n is `min(maxMs, initialMs * 2^n)`. */
  reconnectDelay?: { initialMs: number; maxMs: number };
  /** A connection attempt that has not opened by then is given up and retried. */
  connectTimeoutMs?: number;
}

export interface WebSocketBridge extends BridgeHandle {
  /** Closes the socket for good; pending and later calls fail. */
  dispose(): void;
}

type Resolve = (result: Result<unknown>) => void;
type Listener = (payload: unknown) => void;

export const connectionLostMessage = 'Connection to Braid lost; try again once it is back.';
const connectionLost = (): Fail => fail('INTERNAL', connectionLostMessage, { reason: 'connection-lost' });

function isResult(value: unknown): value is Result<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

/**
 * Web mode's bridge. Requests are correlated by id; calls made while the socket is not open
 * wait for the next connection attempt, and every waiting or in-flight call resolves to a
 * `connection lost` failure when that attempt or connection ends, so nothing hangs.
 *
 * The host refuses a bad token at the HTTP upgrade, which a browser only sees as a failed
 * connection. The page itself was just served by that host, so a first connection that
 * never opens is taken as a refusal (`unauthorized`); a drop after a successful connection
 * is taken as a restart or network blip and retried with backoff.
 */
export function createWebSocketBridge(options: WebSocketBridgeOptions): WebSocketBridge {
  const delays = options.reconnectDelay ?? { initialMs: 250, maxMs: 5_000 };
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;

  let state: ConnectionState = 'connecting';
  const stateListeners = new Set<(state: ConnectionState) => void>();
  const eventListeners = new Map<string, Set<Listener>>();
  /** Sent, waiting for their result. */
  const inFlight = new Map<number, Resolve>();
  /** Waiting for the socket to open. */
  let waiting: { frame: string; id: number; resolve: Resolve }[] = [];

  let socket: WebSocket | null = null;
  let everOpened = false;
  let failedAttempts = 0;
  let disposed = false;
  let nextId = 1;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;

  const setState = (next: ConnectionState) => {
    if (state === next) return;
    state = next;
    for (const listener of [...stateListeners]) listener(next);
  };

  const failAll = () => {
    const lost = [...inFlight.values(), ...waiting.map((w) => w.resolve)];
    inFlight.clear();
    waiting = [];
    for (const resolve of lost) resolve(connectionLost());
  };

  const deliverEvent = (event: string, payload: unknown) => {
    for (const listener of [...(eventListeners.get(event) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        // One broken listener must not starve the others of the event.
        console.error(`listener for ${event} threw`, error);
      }
    }
  };

  const onMessage = (data: unknown) => {
    if (typeof data !== 'string') return;
    let message: { kind?: unknown; id?: unknown; result?: unknown; event?: unknown; payload?: unknown };
    try {
      message = JSON.parse(data);
    } catch {
      console.error('Braid host sent a frame that is not JSON');
      return;
    }
    if (message.kind === 'result' && typeof message.id === 'number') {
      const resolve = inFlight.get(message.id);
      if (!resolve) return;
      inFlight.delete(message.id);
      resolve(isResult(message.result) ? message.result : fail('INTERNAL', 'The host sent a malformed result.'));
    } else if (message.kind === 'event' && isEventName(message.event)) {
      deliverEvent(message.event, message.payload);
    }
  };

  const scheduleReconnect = () => {
    const delay = Math.min(delays.maxMs, delays.initialMs * 2 ** failedAttempts);
    failedAttempts += 1;
    setState('reconnecting');
    reconnectTimer = setTimeout(connect, delay);
  };

  function connect() {
    reconnectTimer = undefined;
    if (disposed) return;
    const ws = new WebSocket(options.url);
    socket = ws;
    let opened = false;
    const giveUp = setTimeout(() => ws.close(), connectTimeoutMs);

    ws.addEventListener('open', () => {
      clearTimeout(giveUp);
      opened = true;
      everOpened = true;
      failedAttempts = 0;
      const ready = waiting;
      waiting = [];
      for (const { id, frame, resolve } of ready) {
        inFlight.set(id, resolve);
        ws.send(frame);
      }
      setState('open');
    });
    ws.addEventListener('message', (event) => onMessage(event.data));
    ws.addEventListener('close', (event) => {
      clearTimeout(giveUp);
      if (socket === ws) socket = null;
      failAll();
      if (disposed) return;
      if (event.code === wireCloseCodes.unauthorized || (!opened && !everOpened)) {
        setState('unauthorized');
        return;
      }
      scheduleReconnect();
    });
  }

  const api: Bridge = {
    invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>> {
      if (disposed || state === 'unauthorized') return Promise.resolve(connectionLost());
      const id = nextId++;
      const request: WireRequest = { id, method, input };
      const frame = JSON.stringify(request);
      return new Promise<Result<unknown>>((resolve) => {
        if (socket && socket.readyState === WebSocket.OPEN) {
          inFlight.set(id, resolve);
          socket.send(frame);
        } else {
          waiting.push({ id, frame, resolve });
        }
      }) as Promise<Result<MethodOutput<M>>>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      let listeners = eventListeners.get(event);
      if (!listeners) eventListeners.set(event, (listeners = new Set()));
      const untyped = listener as Listener;
      listeners.add(untyped);
      return () => listeners.delete(untyped);
    },
  };

  const connection: Connection = {
    current: () => state,
    subscribe: (listener) => {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
  };

  connect();

  return {
    api,
    connection,
    dispose: () => {
      disposed = true;
      clearTimeout(reconnectTimer);
      socket?.close(1000, 'page closing');
      socket = null;
      failAll();
    },
  };
}
