import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
};

export const mimeTypeFor = (file: string): string => mimeTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';

/**
 * Maps a request path to a file under `root`, or null when it would leave it. Extension-less
 * paths fall back to index.html so client-side routes reload.
 */
export function resolveStaticPath(root: string, requestPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s === '.')) return null;
  const relative = segments.length === 0 || extname(decoded) === '' ? 'index.html' : segments.join('/');
  const absoluteRoot = resolve(root);
  const target = resolve(join(absoluteRoot, relative));
  if (!target.startsWith(absoluteRoot + sep)) return null;
  return target;
}

export async function readStaticFile(root: string, requestPath: string): Promise<{ body: Buffer; type: string } | null> {
  const file = resolveStaticPath(root, requestPath);
  if (!file) return null;
  try {
    const info = await stat(file);
    if (!info.isFile()) return null;
    return { body: await readFile(file), type: mimeTypeFor(file) };
  } catch {
    return null;
  }
}
