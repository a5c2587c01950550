import { describe, expect, it } from 'vitest';
import { isDownloadAllowed, isPermissionAllowed } from './session-permissions';

describe('isPermissionAllowed', () => {
  it.each([
    ['media', 'app://braid/index.html'],
    ['geolocation', 'app://braid/index.html'],
    ['notifications', 'app://braid/index.html'],
    ['clipboard-read', 'app://braid/index.html'],
    ['openExternal', 'app://braid/index.html'],
    ['hid', 'app://braid/'],
    ['usb', 'app://braid/'],
    ['fullscreen', 'https://example.com/'],
    ['unknown', 'app://braid/'],
  ])('denies %s from %s', (permission, url) => {
    expect(isPermissionAllowed(permission, url, null)).toBe(false);
  });

  it('lets only the app itself write to the clipboard', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://braid/index.html', null)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://braid', null)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://example.com/', null)).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://braid.evil/', null)).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', '', null)).toBe(false);
  });

  it('treats the dev server as the app only while it runs', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'http://localhost:5173', 'http://localhost:5173')).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'http://localhost:5173', null)).toBe(false);
  });
});

describe('isDownloadAllowed', () => {
  it('lets the app save a file it built itself (a blob: URL of its own origin), and nothing else', () => {
    expect(isDownloadAllowed('blob:app://braid/3f1c2a7e-0d4b-4a57-9a3e-2b8f7c1d9e00', null)).toBe(true);
    expect(isDownloadAllowed('blob:http://localhost:5173/3f1c2a7e', 'http://localhost:5173')).toBe(true);
    expect(isDownloadAllowed('blob:http://localhost:5173/3f1c2a7e', null)).toBe(false);
    expect(isDownloadAllowed('blob:app://braid.evil/3f1c2a7e', null)).toBe(false);
    expect(isDownloadAllowed('blob:https://example.com/3f1c2a7e', null)).toBe(false);
    expect(isDownloadAllowed('https://example.com/setup.exe', null)).toBe(false);
    expect(isDownloadAllowed('app://braid/index.html', null)).toBe(false);
    expect(isDownloadAllowed('data:text/plain,hi', null)).toBe(false);
  });
});
