import { parseUnifiedDiff, type FilePatch } from '../diffs/unified-diff';

/** An inclusive range of line numbers in the base version of a file. */
export type LineRange = [start: number, end: number];

export interface TouchedFile {
  path: string;
  /** Lines of the base version changed (an insertion counts the lines on both sides of it). */
  ranges: LineRange[];
  /** Added, deleted or binary: the whole file counts as touched. */
  wholeFile: boolean;
}

/**
 * The base lines each file's hunks touch, from the old side of a `git diff -U0` parsed by the
 * one parser (../diffs/unified-diff.ts): one section per file, in the order of `names` (git's
 * own listing of the same diff, so names with any bytes need no unquoting).
 */
export function parseTouchedLines(output: Buffer | string, names: readonly string[]): TouchedFile[] {
  const patches = oneSectionPerFile(parseUnifiedDiff(output));
  return names.map((path, index) => {
    const patch = patches[index];
    const wholeFile = !patch || patch.newFile || patch.deletedFile || patch.binary;
    const ranges: LineRange[] = (patch?.hunks ?? []).map(({ oldStart: start, oldLines: count }) =>
      // A pure insertion after line `start` touches the lines around it: git conflicts on adjacent edits too.
      count === 0 ? [Math.max(1, start), start + 1] : [start, start + count - 1],
    );
    return { path, ranges: mergeAdjacent(ranges), wholeFile: patch ? wholeFile : false };
  });
}

/** A file that became a link (or stopped being one) is printed as two sections under one name: one entry, the whole file. */
function oneSectionPerFile(patches: readonly FilePatch[]): FilePatch[] {
  const merged: FilePatch[] = [];
  for (const patch of patches) {
    const last = merged.at(-1);
    if (last && last.headerLine.equals(patch.headerLine)) merged[merged.length - 1] = { ...last, deletedFile: true, hunks: [] };
    else merged.push(patch);
  }
  return merged;
}

/** Sorted, with overlapping ranges joined, so intersections are computed once. */
function mergeAdjacent(ranges: LineRange[]): LineRange[] {
  const sorted = [...ranges].sort((x, y) => x[0] - y[0]);
  const merged: LineRange[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

/** The overlapping parts of two sorted range lists. */
export function intersectRanges(a: readonly LineRange[], b: readonly LineRange[]): LineRange[] {
  const overlaps: LineRange[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [startA, endA] = a[i] as LineRange;
    const [startB, endB] = b[j] as LineRange;
    const start = Math.max(startA, startB);
    const end = Math.min(endA, endB);
    if (start <= end) overlaps.push([start, end]);
    if (endA < endB) i++;
    else j++;
  }
  return overlaps;
}

/** Where two workspaces touched the same file: the overlapping lines, or all of one side's when a whole file is involved. */
export function overlapOf(a: TouchedFile, b: TouchedFile): TouchedFile {
  if (a.wholeFile && b.wholeFile) return { path: a.path, ranges: [], wholeFile: true };
  if (a.wholeFile) return { path: a.path, ranges: b.ranges, wholeFile: false };
  if (b.wholeFile) return { path: a.path, ranges: a.ranges, wholeFile: false };
  return { path: a.path, ranges: intersectRanges(a.ranges, b.ranges), wholeFile: false };
}
