import { describe, expect, it } from 'vitest';
import { isPermissionAllowed } from './session-permissions';

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
