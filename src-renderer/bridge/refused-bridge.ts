import { fail } from '../../src-shared/contract';
import { fixedConnection, type Bridge, type BridgeHandle } from './bridge';

/**
 * Web mode without an access token: there is nothing to connect to, so every call fails at
 * once and the app shows how to get the right link.
 */
export function createRefusedBridge(): BridgeHandle {
  const api: Bridge = {
    invoke: async () => fail('INTERNAL', 'No access token: open the link printed by `npm run web`.'),
    on: () => () => {},
  };
  return { api, connection: fixedConnection('unauthorized') };
}
