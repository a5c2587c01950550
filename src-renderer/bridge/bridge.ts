import type { BraidApi } from '../../src-shared/contract';

/** The renderer's only way to the host: exactly the contract's `BraidApi`. */
export type Bridge = BraidApi;

/**
 * Where the link to the host stands. Desktop is always `open`; web mode moves through the
 * others. `unauthorized`: the host refused us (no or wrong token) and retrying cannot help.
 */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'unauthorized';

export interface Connection {
  current(): ConnectionState;
  subscribe(listener: (state: ConnectionState) => void): () => void;
}

/** What start-up picks once: the api plus a view of its connection. */
export interface BridgeHandle {
  api: Bridge;
  connection: Connection;
}

/** A connection that never changes (desktop IPC, or a web page without a token). */
export function fixedConnection(state: ConnectionState): Connection {
  return { current: () => state, subscribe: () => () => {} };
}
