import type { BraidApi } from '../../src-shared/contract';
import { fixedConnection, type BridgeHandle } from './bridge';

/** Desktop: the preload's `window.braid` already is the contract; IPC has no connection to lose. */
export function createDesktopBridge(preloadApi: BraidApi): BridgeHandle {
  return { api: preloadApi, connection: fixedConnection('open') };
}
