import { describe, expect, it } from 'vitest';
import { adjacentFile, fileKey, keepFocus } from './file-navigation';
import type { DiffFile } from './review-types';

const file = (path: string, change: Partial<DiffFile> = {}): DiffFile => ({ path, status: 'modified', additions: 1, deletions: 0, binary: false, ...change });
const keys = (files: DiffFile[]) => files.map(fileKey);

describe('next / previous file', () => {
  const files = [file('a.ts'), file('b.ts'), file('c.ts')];

  it('moves one file at a time and stays at either end', () => {
    expect(adjacentFile(files, 'a.ts', 1)?.path).toBe('b.ts');
    expect(adjacentFile(files, 'c.ts', 1)?.path).toBe('c.ts');
    expect(adjacentFile(files, 'b.ts', -1)?.path).toBe('a.ts');
    expect(adjacentFile(files, 'a.ts', -1)?.path).toBe('a.ts');
  });

  it('starts at the first (next) or the last (previous) when nothing is focused', () => {
    expect(adjacentFile(files, null, 1)?.path).toBe('a.ts');
    expect(adjacentFile(files, 'gone.ts', -1)?.path).toBe('c.ts');
    expect(adjacentFile([], null, 1)).toBeNull();
  });

  it('tells files with the same display name apart by their raw bytes', () => {
    const twins = [file('\uFFFD.txt', { pathBytes: 'gA==' }), file('\uFFFD.txt', { pathBytes: 'gQ==' })];
    expect(adjacentFile(twins, 'gA==', 1)?.pathBytes).toBe('gQ==');
  });
});

describe('keeping the focused file when the list changes', () => {
  it('keeps the same file wherever it moved', () => {
    const before = [file('a.ts'), file('b.ts')];
    const after = [file('0.ts'), file('a.ts'), file('b.ts')];
    expect(keepFocus(before, after, 'b.ts')).toBe('b.ts');
  });

  it('moves to the file that took its place when it disappears (reverted)', () => {
    const before = [file('a.ts'), file('b.ts'), file('c.ts')];
    expect(keepFocus(before, [file('a.ts'), file('c.ts')], 'b.ts')).toBe('c.ts');
    expect(keepFocus(before, [file('a.ts'), file('b.ts')], 'c.ts')).toBe('b.ts');
  });

  it('focuses the first file of a fresh list, and nothing when it is empty', () => {
    expect(keepFocus([], [file('x.ts'), file('y.ts')], null)).toBe('x.ts');
    expect(keepFocus([file('x.ts')], [], 'x.ts')).toBeNull();
    expect(keys([file('x.ts')])).toEqual(['x.ts']);
  });
});
