import { describe, expect, it } from 'vitest';
import { allowedHostHeaders, createAccessToken, isAllowedHost, isAllowedOrigin, tokenMatches } from './web-auth';

describe('web-mode access checks', () => {
  const allowed = allowedHostHeaders('127.0.0.1', 4317);

  it('creates unguessable, distinct tokens', () => {
    const a = createAccessToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(createAccessToken()).not.toBe(a);
  });

  it('accepts only the exact token', () => {
    const token = createAccessToken();
    expect(tokenMatches(token, token)).toBe(true);
    expect(tokenMatches(token, token.slice(0, -1))).toBe(false);
    expect(tokenMatches(token, `${token}x`)).toBe(false);
    expect(tokenMatches(token, '')).toBe(false);
    expect(tokenMatches(token, null)).toBe(false);
  });

  it.each([
    ['127.0.0.1:4317', true],
    ['localhost:4317', true],
    ['LOCALHOST:4317', true],
    ['[::1]:4317', true],
    ['127.0.0.1:4318', false],
    ['127.0.0.1', false],
    ['evil.example:4317', false],
    ['127.0.0.1.nip.io:4317', false],
    [undefined, false],
  ])('Host header %s allowed: %s', (host, expected) => {
    expect(isAllowedHost(host, allowed)).toBe(expected);
  });

  it('accepts extra host names given by the user', () => {
    const withTunnel = allowedHostHeaders('127.0.0.1', 4317, ['devbox.internal']);
    expect(isAllowedHost('devbox.internal:4317', withTunnel)).toBe(true);
  });

  it.each([
    [undefined, true],
    ['http://127.0.0.1:4317', true],
    ['http://localhost:4317', true],
    ['http://evil.example', false],
    ['http://127.0.0.1:9999', false],
    ['null', false],
    ['file://', false],
    ['chrome-extension://abcdef', false],
    ['http://user@127.0.0.1:4317', false],
    ['http://127.0.0.1:4317/path', false],
  ])('Origin %s allowed: %s', (origin, expected) => {
    expect(isAllowedOrigin(origin, allowed)).toBe(expected);
  });
});
