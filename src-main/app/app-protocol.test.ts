import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appResponseHeaders, createAppRequestHandler, resolveAppUrl } from './app-protocol';

const root = '/opt/braid/out/renderer';

describe('resolveAppUrl', () => {
  it.each([
    ['app://braid/index.html', `${root}/index.html`],
    ['app://braid/', `${root}/index.html`],
    ['app://braid', `${root}/index.html`],
    ['app://braid/assets/index-abc123.js', `${root}/assets/index-abc123.js`],
    ['app://braid/assets/index.css?v=2#x', `${root}/assets/index.css`],
    ['app://braid/assets/my%20font.woff2', `${root}/assets/my font.woff2`],
    ['APP://BRAID/assets/a.js', `${root}/assets/a.js`],
    // Client-side routes fall back to the SPA shell.
    ['app://braid/projects/abc123/tasks', `${root}/index.html`],
    ['app://braid/settings/', `${root}/index.html`],
  ])('serves %s from %s', (url, expected) => {
    expect(resolveAppUrl(root, url)).toBe(expected);
  });

  it.each([
    'app://braid/../secret.txt',
    'app://braid/assets/../../secret.txt',
    'app://braid/assets/..',
    'app://braid/./index.html',
    'app://braid/%2e%2e/secret.txt',
    'app://braid/%2E%2E/secret.txt',
    'app://braid/.%2e/secret.txt',
    'app://braid/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://braid/..%2fsecret.txt',
    'app://braid/..%5csecret.txt',
    'app://braid/assets\\..\\..\\secret.txt',
    'app://braid/index.html%00.js',
    'app://braid/index.html\0',
    'app://braid//etc/passwd',
    'app://braid/C:/Windows/win.ini',
    'app://braid/%E0%A4%A',
    'app://evil/index.html',
    'app://braid.evil/index.html',
    'app://user@braid/index.html',
    'app://braid:81/index.html',
    'file:///etc/passwd',
    'https://braid/index.html',
    '/etc/passwd',
    '',
  ])('refuses %s', (url) => {
    expect(resolveAppUrl(root, url)).toBeNull();
  });
});

describe('appResponseHeaders', () => {
  it('labels files by type', () => {
    expect(appResponseHeaders('index.html')['Content-Type']).toBe('text/html; charset=utf-8');
    expect(appResponseHeaders('assets/a.JS')['Content-Type']).toBe('text/javascript; charset=utf-8');
    expect(appResponseHeaders('assets/a.woff2')['Content-Type']).toBe('font/woff2');
  });

  it('sends the production CSP and nosniff with every file', () => {
    const headers = appResponseHeaders('index.html');
    expect(headers['Content-Security-Policy']).toContain("script-src 'self';");
    expect(headers['Content-Security-Policy']).not.toContain('unsafe-eval');
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
  });
});

describe('createAppRequestHandler (real files)', () => {
  let base: string;
  let rendererRoot: string;
  let handle: (request: Request) => Promise<Response>;

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'braid-app-protocol-'));
    rendererRoot = join(base, 'renderer');
    mkdirSync(join(rendererRoot, 'assets'), { recursive: true });
    writeFileSync(join(rendererRoot, 'index.html'), '<!doctype html><title>Braid</title>');
    writeFileSync(join(rendererRoot, 'assets', 'main.js'), 'console.log("hi")');
    writeFileSync(join(base, 'secret.txt'), 'top secret');
    symlinkSync(join(base, 'secret.txt'), join(rendererRoot, 'assets', 'leak.txt'));
    handle = createAppRequestHandler(rendererRoot);
  });

  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('serves the SPA shell with the CSP header', async () => {
    const response = await handle(new Request('app://braid/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await response.text()).toContain('<title>Braid</title>');
  });

  it('serves client-side routes with the SPA shell', async () => {
    const response = await handle(new Request('app://braid/projects/abc123'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Braid</title>');
  });

  it('serves assets with their MIME type', async () => {
    const response = await handle(new Request('app://braid/assets/main.js'));
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe('console.log("hi")');
  });

  it('answers 404 for missing files, traversal and symlinks out of the folder', async () => {
    for (const url of ['app://braid/assets/missing.js', 'app://braid/%2e%2e/secret.txt', 'app://braid/assets/leak.txt']) {
      const response = await handle(new Request(url));
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('top secret');
    }
  });

  it('serves the app icon the renderer ships (Vite copies src-renderer/public into the build) as an icon', async () => {
    const shipped = createAppRequestHandler(resolve(import.meta.dirname, '..', '..', 'src-renderer', 'public'));
    const response = await shipped(new Request('app://braid/favicon.ico'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/x-icon');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([bytes.readUInt16LE(0), bytes.readUInt16LE(2)]).toEqual([0, 1]);
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await handle(new Request('app://braid/index.html', { method: 'POST', body: 'x' }));
    expect(response.status).toBe(405);
  });
});
