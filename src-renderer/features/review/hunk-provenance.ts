import type { HunkRangeView, HunkProvenanceView } from '../../../src-shared/contract';
import type { DiffHunk, ProvenanceEntry } from './review-types';

export interface ReviewHunk {
  /** Stable while the hunk keeps its range. */
  key: string;
  range: HunkRangeView;
  hunk: DiffHunk;
  /** The host's id of exactly this hunk (`FileDiff.hunkIds`), sent back with accept and revert. */
  id?: string;
  /** Null while provenance is loading or could not be read. */
  provenance: HunkProvenanceView | null;
}

export const hunkRange = (hunk: Pick<DiffHunk, 'oldStart' | 'oldLines' | 'newStart' | 'newLines'>): HunkRangeView => ({
  oldStart: hunk.oldStart,
  oldLines: hunk.oldLines,
  newStart: hunk.newStart,
  newLines: hunk.newLines,
});

const rangeKey = (range: HunkRangeView) => `${range.oldStart},${range.oldLines}:${range.newStart},${range.newLines}`;

/**
 * Pairs the file diff's hunks with `review.provenance` entries. Both come from the same
 * three-line-context diff, so ranges match exactly; a hunk without an entry (the file moved
 * between the two calls) has unknown provenance rather than a guessed one.
 */
export function matchProvenance(hunks: readonly DiffHunk[], entries: readonly ProvenanceEntry[] | null, ids?: readonly string[]): ReviewHunk[] {
  const byRange = new Map((entries ?? []).map((entry) => [rangeKey(entry.hunk), entry.provenance]));
  return hunks.map((hunk, index) => {
    const range = hunkRange(hunk);
    const key = rangeKey(range);
    const id = ids?.[index];
    return { key, range, hunk, provenance: byRange.get(key) ?? null, ...(id === undefined ? {} : { id }) };
  });
}

/**
 * The working-tree line a hunk is shown at: its first added line, else (a pure removal)
 * where the lines were taken out. Both sides scroll together, so the new side is enough.
 */
export function hunkFocusLine(hunk: DiffHunk): number {
  const added = hunk.lines.find((line) => line.kind === '+' && line.newLine !== undefined);
  return added?.newLine ?? Math.max(1, hunk.newStart);
}

/** The hunk index `delta` away from `current`, clamped; -1 when there are none. */
export function adjacentHunk(count: number, current: number, delta: 1 | -1): number {
  if (count === 0) return -1;
  if (current < 0) return delta === 1 ? 0 : count - 1;
  return Math.min(count - 1, Math.max(0, current + delta));
}

/** The hunk containing a line of the given side, for "which hunk is this comment in". */
export function hunkAtLine(hunks: readonly DiffHunk[], side: 'old' | 'new', line: number): number {
  return hunks.findIndex((hunk) => {
    const start = side === 'new' ? hunk.newStart : hunk.oldStart;
    const length = side === 'new' ? hunk.newLines : hunk.oldLines;
    return line >= start && line < start + Math.max(1, length);
  });
}
