import type { Connection } from './bridge';

/**
 * Calls `listener` each time the link to the host is back after it was lost: events may have
 * been missed meanwhile, so a sync loads again what it shows. The first connection is not a
 * reconnect (each sync loads at start on its own). Returns the unsubscribe.
 */
export function onReconnected(connection: Connection, listener: () => void): () => void {
  let previous = connection.current();
  return connection.subscribe((state) => {
    if (state === 'open' && previous === 'reconnecting') listener();
    previous = state;
  });
}
