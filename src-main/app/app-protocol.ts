import { readFile, realpath } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { CustomScheme } from 'electron';
import { contentSecurityPolicy } from '../../src-shared/security/content-security-policy';
import { mimeTypeFor } from '../host/static-files';
import { appHost, appScheme, parseUrl } from './app-origin';

/**
 * `app://` is registered before `ready` as a standard, secure scheme: pages get a real
 * origin (`app://braid`), `fetch` works, and Chromium treats it like https. It never
 * bypasses CSP and never serves anything outside the built renderer folder.
 */
export const appSchemePrivileges: CustomScheme = {
  scheme: appScheme,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

const maxSegmentLength = 255;

/**
 * Maps `app://braid/<path>` to a file inside `rendererRoot`, or null when the URL is not
 * one we serve. Refuses anything that could climb out of the folder or be read differently
 * by the file system than by us: `..`/`.` (raw or percent-encoded), backslashes, NUL,
 * encoded slashes, drive letters, empty segments (`//etc/passwd`), other hosts.
 * Extension-less paths are client-side routes and get `index.html` (SPA fallback).
 */
export function resolveAppUrl(rendererRoot: string, url: string): string | null {
  if (/[\\\0]/.test(url)) return null;
  const parsed = parseUrl(url);
  if (!parsed || parsed.protocol !== `${appScheme}:` || parsed.host.toLowerCase() !== appHost) return null;
  if (parsed.username !== '' || parsed.password !== '' || parsed.port !== '') return null;

  // The URL parser silently resolves raw `..`, so look at the path as it was written.
  const rawPath = rawPathOf(url);
  if (rawPath === null) return null;

  const segments = rawPath.split('/').slice(1);
  if (segments.length > 0 && segments[segments.length - 1] === '') segments.pop(); // trailing slash
  const decoded: string[] = [];
  for (const segment of segments) {
    let name: string;
    try {
      name = decodeURIComponent(segment);
    } catch {
      return null;
    }
    if (name === '' || name === '.' || name === '..' || name.length > maxSegmentLength) return null;
    if (/[/\\\0:]/.test(name)) return null;
    decoded.push(name);
  }

  const root = resolve(rendererRoot);
  const last = decoded[decoded.length - 1];
  const file = last === undefined || extname(last) === '' ? join(root, 'index.html') : join(root, ...decoded);
  // Defence in depth: whatever happened above, the answer stays inside the root.
  return file.startsWith(root + sep) ? file : null;
}

/** The path part of an absolute URL exactly as written (no dot-segment resolution). */
function rawPathOf(url: string): string | null {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*(\/[^?#]*)?/i.exec(url);
  if (!match) return null;
  return match[1] ?? '/';
}

export function appResponseHeaders(file: string): Record<string, string> {
  return {
    'Content-Type': mimeTypeFor(file),
    // Files under app:// are always the built renderer, never the dev server.
    'Content-Security-Policy': contentSecurityPolicy({ production: true }),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  };
}

/**
 * The `protocol.handle('app', …)` handler, written against the Fetch API's Request and
 * Response (globals in Node too) so it is tested without Electron.
 */
export function createAppRequestHandler(rendererRoot: string): (request: Request) => Promise<Response> {
  const root = resolve(rendererRoot);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: { Allow: 'GET, HEAD' } });
    }
    const file = resolveAppUrl(root, request.url);
    if (!file) return notFound();
    try {
      // A symlink inside the build output must not lead outside it either.
      const [realRoot, real] = await Promise.all([realpath(root), realpath(file)]);
      if (!real.startsWith(realRoot + sep)) return notFound();
      const body = await readFile(real);
      return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: appResponseHeaders(file) });
    } catch {
      return notFound();
    }
  };
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } });
}
