// Tokens are the services' too (an external agent's session with Braid's tools): one implementation.
export { createAccessToken, tokenMatches } from '../services/index';

/**
 * The `Host` header values this server answers to. Checking it defeats DNS rebinding: a page
 * on evil.example that re-points its name at 127.0.0.1 still sends `Host: evil.example`.
 */
export function allowedHostHeaders(bindHost: string, port: number, extra: readonly string[] = []): Set<string> {
  const names = new Set<string>(['127.0.0.1', 'localhost', '[::1]']);
  if (bindHost !== '0.0.0.0' && bindHost !== '::') names.add(bindHost.includes(':') ? `[${bindHost}]` : bindHost);
  for (const name of extra) names.add(name.toLowerCase());
  const hosts = new Set<string>();
  for (const name of names) {
    hosts.add(`${name}:${port}`);
    if (port === 80) hosts.add(name);
  }
  return hosts;
}

export function isAllowedHost(hostHeader: string | undefined, allowed: ReadonlySet<string>): boolean {
  return hostHeader !== undefined && allowed.has(hostHeader.toLowerCase());
}

/**
 * Browsers always send `Origin` on WebSocket handshakes; it must be this server itself.
 * Clients that are not browsers (scripts, tests) send none and rely on the token alone.
 */
export function isAllowedOrigin(origin: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (url.username || url.password || url.pathname !== '/' || url.search) return false;
  return allowed.has(url.host.toLowerCase()) || (url.port === '' && allowed.has(`${url.hostname}:80`));
}
