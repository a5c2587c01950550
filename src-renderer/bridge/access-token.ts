const storageKey = 'braid.accessToken';

export interface AccessTokenEnvironment {
  href: string;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  /** Rewrites the address bar without navigating (history.replaceState). */
  replaceUrl(url: string): void;
}

/**
 * The web-mode token arrives once in the page URL (`?token=`). It is kept for this tab only
 * (sessionStorage survives reloads, not new tabs) and removed from the address bar so it does
 * not end up in bookmarks, screenshots or shared links.
 */
export function takeAccessToken(env: AccessTokenEnvironment): string | null {
  const url = new URL(env.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    env.storage.setItem(storageKey, fromUrl);
    url.searchParams.delete('token');
    env.replaceUrl(url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return env.storage.getItem(storageKey);
}

/** The host serves the WebSocket on the same origin as the page, at `/ws`. */
export function webSocketUrl(page: { protocol: string; host: string }, token: string): string {
  const scheme = page.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${page.host}/ws?token=${encodeURIComponent(token)}`;
}
