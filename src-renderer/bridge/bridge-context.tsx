import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { Bridge, BridgeHandle, ConnectionState } from './bridge';

const BridgeContext = createContext<BridgeHandle | null>(null);

export function BridgeProvider({ bridge, children }: { bridge: BridgeHandle; children: ReactNode }) {
  return <BridgeContext.Provider value={bridge}>{children}</BridgeContext.Provider>;
}

function useBridgeHandle(): BridgeHandle {
  const handle = useContext(BridgeContext);
  if (!handle) throw new Error('useBridge outside <BridgeProvider>');
  return handle;
}

/** The host api, for components that run commands. */
export const useBridge = (): Bridge => useBridgeHandle().api;

export function useConnectionState(): ConnectionState {
  const { connection } = useBridgeHandle();
  return useSyncExternalStore(connection.subscribe, connection.current);
}
