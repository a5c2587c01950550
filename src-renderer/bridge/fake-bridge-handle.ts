import type { EventName, EventPayload, Result } from '../../src-shared/contract';
import type { BridgeHandle, ConnectionState } from './bridge';

/**
 * A bridge for tests of the feature syncs: `invoke` answers as the test says, events and
 * connection changes are pushed by the test. Starts `open`.
 */
export function fakeBridgeHandle(invoke: (method: string, input: unknown) => Promise<Result<unknown>>) {
  const listeners = new Map<string, (payload: unknown) => void>();
  const connectionListeners: ((state: ConnectionState) => void)[] = [];
  const handle = {
    api: {
      invoke,
      on: (event: string, listener: (payload: unknown) => void) => {
        listeners.set(event, listener);
        return () => listeners.delete(event);
      },
    },
    connection: {
      current: () => 'open' as ConnectionState,
      subscribe: (listener: (state: ConnectionState) => void) => {
        connectionListeners.push(listener);
        return () => {};
      },
    },
  } as unknown as BridgeHandle;
  return {
    handle,
    push: <E extends EventName>(event: E, payload: EventPayload<E>) => listeners.get(event)?.(payload),
    connection: (state: ConnectionState) => connectionListeners.forEach((listener) => listener(state)),
  };
}
