import { describe, expect, it } from 'vitest';
import type { Connection, ConnectionState } from './bridge';
import { onReconnected } from './on-reconnected';

function connectionStartingAt(initial: ConnectionState) {
  let state = initial;
  const listeners = new Set<(state: ConnectionState) => void>();
  const connection: Connection = {
    current: () => state,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const move = (next: ConnectionState) => {
    state = next;
    listeners.forEach((listener) => listener(next));
  };
  return { connection, move };
}

describe('onReconnected', () => {
  it('fires when the link is back after it was lost, not on the first connection', () => {
    const { connection, move } = connectionStartingAt('connecting');
    let reconnects = 0;
    onReconnected(connection, () => (reconnects += 1));
    move('open');
    expect(reconnects).toBe(0);
    move('reconnecting');
    move('reconnecting');
    expect(reconnects).toBe(0);
    move('open');
    expect(reconnects).toBe(1);
    move('reconnecting');
    move('open');
    expect(reconnects).toBe(2);
  });

  it('counts a link that was already down when it subscribed, and stops when unsubscribed', () => {
    const { connection, move } = connectionStartingAt('reconnecting');
    let reconnects = 0;
    const off = onReconnected(connection, () => (reconnects += 1));
    move('open');
    expect(reconnects).toBe(1);
    off();
    move('reconnecting');
    move('open');
    expect(reconnects).toBe(1);
  });
});
