import type { BraidApi } from '../../src-shared/contract';
import { takeAccessToken, webSocketUrl } from './access-token';
import type { BridgeHandle } from './bridge';
import { createDesktopBridge } from './desktop-bridge';
import { createRefusedBridge } from './refused-bridge';
import { createWebSocketBridge } from './websocket-bridge';

declare global {
  interface Window {
    /** Exposed by the desktop preload; absent in a browser tab. */
    braid?: BraidApi;
  }
}

/** Picks the transport once, at start-up: the preload's IPC in desktop, a WebSocket in a browser. */
export function chooseBridge(): BridgeHandle {
  if (window.braid) return createDesktopBridge(window.braid);
  const token = takeAccessToken({
    href: window.location.href,
    storage: window.sessionStorage,
    replaceUrl: (url) => window.history.replaceState(window.history.state, '', url),
  });
  if (!token) return createRefusedBridge();
  return createWebSocketBridge({ url: webSocketUrl(window.location, token) });
}
