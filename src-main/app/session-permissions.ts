import type { Session } from 'electron';
import { contentSecurityPolicy } from '../../src-shared/security/content-security-policy';
import { isAppOrigin } from './app-origin';

/**
 * Web permissions the UI may use, and only from the app's own origin. Everything else
 * (camera, microphone, geolocation, notifications, USB, HID, serial, …) is refused: Braid's
 * notifications come from the main process, not the page.
 * Writing to the clipboard is what the "Copy" buttons need; reading it is not allowed.
 */
const grantedToApp: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function isPermissionAllowed(permission: string, requestingUrl: string, devServerUrl: string | null): boolean {
  return grantedToApp.has(permission) && isAppOrigin(requestingUrl, devServerUrl);
}

/**
 * The one download the app makes itself: a file the page built (an audit export) and saves
 * through a `blob:` URL of its own origin. Electron then asks where to save it. Any other
 * download (a link, a redirect, a page that is not ours) is refused.
 */
export function isDownloadAllowed(url: string, devServerUrl: string | null): boolean {
  return url.startsWith('blob:') && isAppOrigin(url.slice('blob:'.length), devServerUrl);
}

export interface SessionHardeningOptions {
  devServerUrl: string | null;
  log?: (line: string) => void;
}

/** Permission handlers for the session the windows use (the default session). */
export function hardenSession(session: Session, options: SessionHardeningOptions): void {
  const { devServerUrl, log } = options;
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = isPermissionAllowed(permission, details.requestingUrl, devServerUrl);
    if (!allowed) log?.(`Denied permission request "${permission}" from ${details.requestingUrl}`);
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, devServerUrl),
  );
  session.setDevicePermissionHandler(() => false);
  // Only the app's own saved files (blob: URLs it made) download; anything else is unexpected.
  session.on('will-download', (event, item) => {
    if (isDownloadAllowed(item.getURL(), devServerUrl)) return;
    event.preventDefault();
    log?.(`Blocked a download of ${item.getURL().slice(0, 200)}`);
  });

  // Production pages get their CSP from the app:// handler. The Vite dev server sends none,
  // so add the development policy to its documents: CSP mistakes show up while developing.
  if (devServerUrl) {
    const devOrigin = new URL(devServerUrl).origin;
    session.webRequest.onHeadersReceived({ urls: [`${devOrigin}/*`] }, (details, callback) => {
      const responseHeaders = { ...details.responseHeaders };
      if (details.resourceType === 'mainFrame') {
        responseHeaders['Content-Security-Policy'] = [contentSecurityPolicy({ production: false })];
      }
      callback({ responseHeaders });
    });
  }
}
