import { EventEmitter } from 'node:events';
import type { WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { decideNavigation, decideWindowOpen, guardWebContents } from './navigation-guards';

const dev = 'http://localhost:5173';

describe('decideNavigation', () => {
  it.each([
    ['app://braid/index.html', null, 'allow'],
    ['app://braid/projects/abc123', null, 'allow'],
    ['https://github.com/owner/repo', null, 'open-externally'],
    ['https://app@evil.example/', null, 'block'],
    ['app://braid.evil/', null, 'block'],
    ['app://braid@evil/', null, 'block'],
    ['http://example.com/', null, 'block'],
    ['file:///etc/passwd', null, 'block'],
    ['javascript:alert(document.cookie)', null, 'block'],
    ['data:text/html,<script>alert(1)</script>', null, 'block'],
    ['vscode://settings', null, 'block'],
    ['http://localhost:5173/', null, 'block'],
    ['http://localhost:5173/', dev, 'allow'],
    ['http://localhost:5174/', dev, 'block'],
  ] as const)('%s (dev server %s) → %s', (url, devServerUrl, expected) => {
    expect(decideNavigation(url, devServerUrl)).toBe(expected);
  });
});

describe('decideWindowOpen', () => {
  it.each([
    ['https://example.com/docs', 'open-externally'],
    ['app://braid/index.html', 'block'],
    ['about:blank', 'block'],
    ['file:///etc/passwd', 'block'],
    ['javascript:alert(1)', 'block'],
  ] as const)('%s → %s', (url, expected) => {
    expect(decideWindowOpen(url)).toBe(expected);
  });
});

/** Just enough of WebContents to drive the guards: events plus the window-open hook. */
class FakeContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  fire(name: string, details: { url?: string; isMainFrame?: boolean }): boolean {
    let prevented = false;
    this.emit(name, { ...details, preventDefault: () => (prevented = true) });
    return prevented;
  }
}

describe('guardWebContents', () => {
  function setUp(devServerUrl: string | null = null) {
    const contents = new FakeContents();
    const opened: string[] = [];
    guardWebContents(contents as unknown as WebContents, { devServerUrl, openExternal: (url) => void opened.push(url) });
    return { contents, opened };
  }

  it('denies every window.open and sends https links to the browser', () => {
    const { contents, opened } = setUp();
    expect(contents.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'app://braid/index.html' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://example.com/']);
  });

  it('keeps top-level navigation on the app and hands https links to the browser', () => {
    const { contents, opened } = setUp();
    expect(contents.fire('will-navigate', { url: 'app://braid/index.html', isMainFrame: true })).toBe(false);
    expect(contents.fire('will-navigate', { url: 'https://example.com/', isMainFrame: true })).toBe(true);
    expect(contents.fire('will-navigate', { url: 'file:///etc/passwd', isMainFrame: true })).toBe(true);
    expect(opened).toEqual(['https://example.com/']);
  });

  it('blocks subframe navigation and redirects off the app without opening anything', () => {
    const { contents, opened } = setUp();
    expect(contents.fire('will-frame-navigate', { url: 'https://example.com/', isMainFrame: false })).toBe(true);
    expect(contents.fire('will-frame-navigate', { url: 'app://braid/x.html', isMainFrame: false })).toBe(false);
    expect(contents.fire('will-redirect', { url: 'https://example.com/', isMainFrame: true })).toBe(true);
    expect(contents.fire('will-redirect', { url: 'app://braid/index.html', isMainFrame: true })).toBe(false);
    expect(opened).toEqual([]);
  });

  it('allows the dev server only when one is running', () => {
    expect(setUp(dev).contents.fire('will-navigate', { url: `${dev}/`, isMainFrame: true })).toBe(false);
    expect(setUp(null).contents.fire('will-navigate', { url: `${dev}/`, isMainFrame: true })).toBe(true);
  });

  it('prevents <webview> from attaching', () => {
    expect(setUp().contents.fire('will-attach-webview', {})).toBe(true);
  });
});
