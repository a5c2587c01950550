import { describe, expect, it } from 'vitest';
import { adjacentHunk, hunkAtLine, hunkFocusLine, matchProvenance } from './hunk-provenance';
import type { DiffHunk, ProvenanceEntry } from './review-types';

const hunk = (oldStart: number, oldLines: number, newStart: number, newLines: number, lines: DiffHunk['lines'] = []): DiffHunk => ({
  oldStart,
  oldLines,
  newStart,
  newLines,
  header: `@@ -${oldStart},${oldLines} +${newStart},${newLines} @@`,
  lines,
});

describe('hunks and the agent steps behind them', () => {
  const first = hunk(1, 3, 1, 4);
  const second = hunk(20, 3, 21, 3);

  it('pairs each hunk with the entry of the same range', () => {
    const entries: ProvenanceEntry[] = [
      { hunk: { oldStart: 20, oldLines: 3, newStart: 21, newLines: 3 }, provenance: { byHand: true } },
      { hunk: { oldStart: 1, oldLines: 3, newStart: 1, newLines: 4 }, provenance: { byHand: false, step: 2, callId: 'c1', toolName: 'edit_file', precedingText: 'Fixing the bug.' } },
    ];
    const matched = matchProvenance([first, second], entries);
    expect(matched.map((m) => m.provenance)).toEqual([
      { byHand: false, step: 2, callId: 'c1', toolName: 'edit_file', precedingText: 'Fixing the bug.' },
      { byHand: true },
    ]);
    expect(matched[0]!.range).toEqual({ oldStart: 1, oldLines: 3, newStart: 1, newLines: 4 });
  });

  it('leaves a hunk without a matching entry unknown instead of guessing', () => {
    const entries: ProvenanceEntry[] = [{ hunk: { oldStart: 1, oldLines: 3, newStart: 1, newLines: 5 }, provenance: { byHand: true } }];
    expect(matchProvenance([first], entries)[0]!.provenance).toBeNull();
    expect(matchProvenance([first], null)[0]!.provenance).toBeNull();
  });

  it('gives every hunk a key that changes when its range does', () => {
    const [a, b] = matchProvenance([first, second], []);
    expect(a!.key).not.toBe(b!.key);
    expect(matchProvenance([hunk(1, 3, 1, 4)], [])[0]!.key).toBe(a!.key);
  });
});

describe('moving between hunks', () => {
  it('goes to the first added line, or to where lines were removed', () => {
    const added = hunk(4, 3, 4, 4, [
      { kind: ' ', text: 'a', oldLine: 4, newLine: 4 },
      { kind: '+', text: 'b', newLine: 5 },
    ]);
    expect(hunkFocusLine(added)).toBe(5);
    expect(hunkFocusLine(hunk(10, 2, 9, 0, [{ kind: '-', text: 'x', oldLine: 10 }]))).toBe(9);
    expect(hunkFocusLine(hunk(1, 1, 0, 0, [{ kind: '-', text: 'x', oldLine: 1 }]))).toBe(1);
  });

  it('steps through hunks and stays at either end', () => {
    expect(adjacentHunk(3, -1, 1)).toBe(0);
    expect(adjacentHunk(3, -1, -1)).toBe(2);
    expect(adjacentHunk(3, 2, 1)).toBe(2);
    expect(adjacentHunk(3, 1, -1)).toBe(0);
    expect(adjacentHunk(0, -1, 1)).toBe(-1);
  });

  it('finds the hunk a commented line belongs to', () => {
    const hunks = [hunk(1, 3, 1, 4), hunk(20, 3, 21, 3)];
    expect(hunkAtLine(hunks, 'new', 22)).toBe(1);
    expect(hunkAtLine(hunks, 'old', 2)).toBe(0);
    expect(hunkAtLine(hunks, 'new', 10)).toBe(-1);
  });
});
