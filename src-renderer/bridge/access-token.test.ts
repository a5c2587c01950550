import { describe, expect, it } from 'vitest';
import { takeAccessToken, webSocketUrl } from './access-token';

function environment(href: string, stored: Record<string, string> = {}) {
  const storage = new Map(Object.entries(stored));
  const urls: string[] = [];
  return {
    urls,
    storage,
    env: {
      href,
      storage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v) },
      replaceUrl: (url: string) => void urls.push(url),
    },
  };
}

describe('access token', () => {
  it('takes the token from the first URL, keeps it for the tab and strips it from the address bar', () => {
    const first = environment('http://127.0.0.1:4000/?token=abc123&view=x#top');
    expect(takeAccessToken(first.env)).toBe('abc123');
    expect(first.urls).toEqual(['/?view=x#top']);

    // A reload: the address bar no longer has it, the tab's storage does.
    const reload = environment('http://127.0.0.1:4000/?view=x', Object.fromEntries(first.storage));
    expect(takeAccessToken(reload.env)).toBe('abc123');
    expect(reload.urls).toEqual([]);
  });

  it('prefers a new link over a stored token, and has none without either', () => {
    expect(takeAccessToken(environment('http://h/?token=new', { 'braid.accessToken': 'old' }).env)).toBe('new');
    expect(takeAccessToken(environment('http://h/').env)).toBeNull();
  });

  it('builds the socket URL on the page origin, secure when the page is', () => {
    expect(webSocketUrl({ protocol: 'http:', host: '127.0.0.1:4000' }, 'a+b')).toBe('ws://127.0.0.1:4000/ws?token=a%2Bb');
    expect(webSocketUrl({ protocol: 'https:', host: 'box.example' }, 't')).toBe('wss://box.example/ws?token=t');
  });
});
