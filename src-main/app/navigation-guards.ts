import type { WebContents } from 'electron';
import { isAppOrigin, shouldOpenExternally } from './app-origin';

/** What to do when a page tries to go somewhere. */
export type NavigationDecision = 'allow' | 'open-externally' | 'block';

/**
 * A top-level navigation may stay on the app's origin; a plain `https:` link goes to the
 * user's browser; everything else (`file:`, `javascript:`, `http:` elsewhere, custom
 * schemes that would launch other apps) is dropped.
 */
export function decideNavigation(url: string, devServerUrl: string | null): NavigationDecision {
  if (isAppOrigin(url, devServerUrl)) return 'allow';
  return shouldOpenExternally(url) ? 'open-externally' : 'block';
}

/**
 * Braid never opens a second Electron window from page content. A link with
 * `target="_blank"` to an `https:` page opens in the user's browser instead.
 */
export function decideWindowOpen(url: string): Exclude<NavigationDecision, 'allow'> {
  return shouldOpenExternally(url) ? 'open-externally' : 'block';
}

export interface NavigationGuardOptions {
  devServerUrl: string | null;
  /** `shell.openExternal`; only ever called with URLs `shouldOpenExternally` accepted. */
  openExternal: (url: string) => Promise<void> | void;
  log?: (line: string) => void;
}

/**
 * Applied to every WebContents the app creates (from `app.on('web-contents-created')`),
 * so no window, however it came to exist, escapes the rules.
 */
export function guardWebContents(contents: WebContents, options: NavigationGuardOptions): void {
  const { devServerUrl, log } = options;
  const openExternal = (url: string): void => {
    Promise.resolve(options.openExternal(url)).catch((error: unknown) => log?.(`Could not open ${url}: ${String(error)}`));
  };

  contents.setWindowOpenHandler(({ url }) => {
    if (decideWindowOpen(url) === 'open-externally') openExternal(url);
    else log?.(`Blocked window.open to ${truncate(url)}`);
    return { action: 'deny' };
  });

  contents.on('will-navigate', (event) => {
    const decision = decideNavigation(event.url, devServerUrl);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'open-externally') openExternal(event.url);
    else log?.(`Blocked navigation to ${truncate(event.url)}`);
  });

  // Subframes, and redirects of any frame, may only stay on the app's origin: there is no
  // user click behind them that would justify opening a browser.
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame || isAppOrigin(event.url, devServerUrl)) return;
    event.preventDefault();
    log?.(`Blocked frame navigation to ${truncate(event.url)}`);
  });
  contents.on('will-redirect', (event) => {
    if (isAppOrigin(event.url, devServerUrl)) return;
    event.preventDefault();
    log?.(`Blocked redirect to ${truncate(event.url)}`);
  });

  // `webviewTag: false` already removes <webview>; this catches any window where it is not.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log?.('Blocked a <webview>');
  });
}

function truncate(url: string): string {
  return url.length > 200 ? `${url.slice(0, 200)}…` : url;
}
