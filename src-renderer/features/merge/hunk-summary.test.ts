import { describe, expect, it } from 'vitest';
import { hunkCounts, hunkPreview, noHunksReason } from './hunk-summary';

const hunk = {
  lines: [
    { kind: ' ' as const, text: 'context' },
    { kind: '-' as const, text: 'old one' },
    { kind: '+' as const, text: 'new one' },
    { kind: '+' as const, text: 'new two' },
    { kind: '+' as const, text: 'new three' },
    { kind: ' ' as const, text: 'context' },
  ],
};

describe('hunk summary in the merge dialog', () => {
  it('counts added and removed lines', () => {
    expect(hunkCounts(hunk)).toBe('+3 −1');
  });

  it('previews the first changed lines, skipping context, and says how many more there are', () => {
    expect(hunkPreview(hunk)).toEqual({
      lines: [
        { kind: '-', text: 'old one' },
        { kind: '+', text: 'new one' },
        { kind: '+', text: 'new two' },
      ],
      more: 1,
    });
  });

  it('explains files whose hunks cannot be chosen', () => {
    const modified = { status: 'modified' as const, binary: false, hunks: [{ ...hunk, oldStart: 1, oldLines: 3, newStart: 1, newLines: 5, header: '' }] };
    expect(noHunksReason(modified)).toBeNull();
    expect(noHunksReason({ ...modified, binary: true })).toMatch(/binary/);
    expect(noHunksReason({ ...modified, tooLarge: { bytes: 9e6 } })).toMatch(/Too large/);
    expect(noHunksReason({ ...modified, status: 'deleted' })).toMatch(/deleted/);
    expect(noHunksReason({ ...modified, hunks: [] })).toMatch(/no changes/);
  });
});
