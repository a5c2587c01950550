import { describe, expect, it } from 'vitest';
import { appEntryUrl, isAppOrigin, shouldOpenExternally } from './app-origin';

const devServer = 'http://localhost:5173';

describe('isAppOrigin', () => {
  it.each([
    [appEntryUrl, true],
    ['app://braid/', true],
    ['app://braid/tasks/abc123?x=1#y', true],
    ['APP://BRAID/index.html', true],
    ['app://braid.evil/', false],
    ['app://evil/braid', false],
    ['app://evilbraid/', false],
    ['app://braid@evil/', false],
    ['app://x@braid/', false],
    ['app://x:y@braid/', false],
    ['app://braid:8080/', false],
    ['https://braid/', false],
    ['https://app@evil.example/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['about:blank', false],
    ['', false],
    ['not a url', false],
    [undefined, false],
    [42, false],
  ])('%s → %s (production)', (url, expected) => {
    expect(isAppOrigin(url)).toBe(expected);
  });

  it.each([
    ['http://localhost:5173/', true],
    ['http://localhost:5173/src/main.tsx', true],
    ['http://localhost:5174/', false],
    ['https://localhost:5173/', false],
    ['http://localhost.evil:5173/', false],
    ['http://user@localhost:5173/', false],
    ['http://127.0.0.1:5173/', false],
  ])('%s → %s (with a dev server)', (url, expected) => {
    expect(isAppOrigin(url, devServer)).toBe(expected);
  });

  it('never trusts the dev server origin when no dev server runs', () => {
    expect(isAppOrigin('http://localhost:5173/')).toBe(false);
    expect(isAppOrigin('http://localhost:5173/', null)).toBe(false);
  });

  it('ignores a dev server URL that is not http(s)', () => {
    expect(isAppOrigin('file:///tmp/index.html', 'file:///tmp/')).toBe(false);
  });
});

describe('shouldOpenExternally', () => {
  it.each([
    ['https://github.com/owner/repo/pull/1', true],
    ['HTTPS://Example.com/', true],
    ['https://example.com:8443/path', true],
    ['https://app@evil.example/', false],
    ['https://github.com:x@evil.example/', false],
    ['http://example.com/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['JaVaScRiPt:alert(1)', false],
    ['data:text/html,hi', false],
    ['vscode://file/etc/passwd', false],
    ['ms-msdt:/id PCWDiagnostic', false],
    ['smb://attacker/share', false],
    [appEntryUrl, false],
    ['', false],
    [null, false],
  ])('%s → %s', (url, expected) => {
    expect(shouldOpenExternally(url)).toBe(expected);
  });
});
