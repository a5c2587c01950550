import { describe, expect, it } from 'vitest';
import { textFingerprint } from './text-fingerprint';

describe('text fingerprint', () => {
  it('changes when an edit keeps the length (the editor must show the new text)', () => {
    expect(textFingerprint("return 'Hi' + a;")).not.toBe(textFingerprint("return 'Yo' + a;"));
    expect(textFingerprint('same')).toBe(textFingerprint('same'));
    expect(textFingerprint('')).toBe('0-' + (0x811c9dc5).toString(36));
  });
});
