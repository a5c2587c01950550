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
 * Reads `git diff -U0` output (one section per file, in the order of `names`) into the base
 * lines each file's hunks touch, from the hunk headers' old side.
 */
export function parseTouchedLines(patch: string, names: readonly string[]): TouchedFile[] {
  const sections = patch.split(/^diff --git /m).slice(1);
  return names.map((path, index) => {
    const section = sections[index] ?? '';
    const wholeFile = /^(new file mode|deleted file mode|Binary files )/m.test(section);
    const ranges: LineRange[] = [];
    for (const match of section.matchAll(/^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@/gm)) {
      const start = Number(match[1]);
      const count = match[2] === undefined ? 1 : Number(match[2]);
      // A pure insertion after line `start` touches the lines around it: git conflicts on adjacent edits too.
      ranges.push(count === 0 ? [Math.max(1, start), start + 1] : [start, start + count - 1]);
    }
    return { path, ranges: mergeAdjacent(ranges), wholeFile };
  });
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
