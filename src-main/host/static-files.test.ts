import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStaticFile, resolveStaticPath } from './static-files';

describe('static file serving for web mode', () => {
  const root = mkdtempSync(join(tmpdir(), 'braid-static-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Braid</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tmpdir(), 'braid-secret.txt'), 'secret');

  it('serves files and falls back to index.html for app routes', async () => {
    expect((await readStaticFile(root, '/assets/app.js'))?.type).toBe('text/javascript; charset=utf-8');
    expect((await readStaticFile(root, '/'))?.body.toString()).toContain('<title>Braid</title>');
    expect((await readStaticFile(root, '/?token=abc'))?.body.toString()).toContain('Braid');
    expect((await readStaticFile(root, '/projects/123'))?.type).toContain('text/html');
    expect(await readStaticFile(root, '/assets/missing.js')).toBeNull();
  });

  it.each([
    '/../braid-secret.txt',
    '/assets/../../braid-secret.txt',
    '/%2e%2e/braid-secret.txt',
    '/%2E%2E%2Fbraid-secret.txt',
    '/..%5cbraid-secret.txt',
    '/assets%00.js',
    '/%',
    '/./index.html',
  ])('refuses %s', (path) => {
    expect(resolveStaticPath(root, path)).toBeNull();
  });
});
