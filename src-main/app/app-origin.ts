/**
 * Where Braid's own UI lives. Production pages come from the privileged `app://braid/`
 * scheme; in development electron-vite serves them from a Vite dev server instead.
 * Everything that decides "is this us?" (navigation, IPC senders, permissions) asks here.
 */
export const appScheme = 'app';
export const appHost = 'braid';
export const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/index.html`;

export function parseUrl(url: unknown): URL | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > 8192) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True only for `app://braid/...` (and the dev server's exact origin when one is given).
 * Userinfo, ports and look-alike hosts are refused: `app://braid.evil/`, `app://x@braid/`.
 */
export function isAppOrigin(url: unknown, devServerUrl?: string | null): boolean {
  const parsed = parseUrl(url);
  if (!parsed || parsed.username !== '' || parsed.password !== '') return false;
  if (parsed.protocol === `${appScheme}:`) {
    // Chromium lower-cases hosts of standard schemes; Node's parser does not for custom ones.
    return parsed.host.toLowerCase() === appHost;
  }
  const dev = devServerUrl ? parseUrl(devServerUrl) : null;
  if (!dev || (dev.protocol !== 'http:' && dev.protocol !== 'https:')) return false;
  return parsed.origin === dev.origin;
}

/**
 * Links that leave the app go to the user's browser, but only plain `https:` pages:
 * no `file:`, `javascript:`, custom schemes (they launch other apps), or credentials in the
 * URL (a classic disguise: `https://github.com@evil.example/`).
 */
export function shouldOpenExternally(url: unknown): boolean {
  const parsed = parseUrl(url);
  if (!parsed || parsed.protocol !== 'https:') return false;
  if (parsed.username !== '' || parsed.password !== '') return false;
  return parsed.hostname.length > 0;
}
