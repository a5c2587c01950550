/**
 * The arithmetic of a windowed list with rows of varying height: where each row starts and
 * which rows meet the viewport. Kept apart from the component so it can be tested in Node.
 */

/** `offsets[i]` is where row i starts; `offsets[n]` is the total height. */
export function rowOffsets(count: number, heightOf: (index: number) => number): Float64Array {
  const offsets = new Float64Array(count + 1);
  for (let i = 0; i < count; i += 1) offsets[i + 1] = offsets[i]! + heightOf(i);
  return offsets;
}

/** The row under vertical position `y` (the last row for positions past the end). */
export function rowAt(offsets: Float64Array, y: number): number {
  const count = offsets.length - 1;
  if (count <= 0) return 0;
  let low = 0;
  let high = count - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (offsets[mid]! <= y) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Rows `[start, end)` to render for a viewport, with `overscan` pixels of margin each side. */
export function visibleRows(offsets: Float64Array, top: number, height: number, overscan: number): { start: number; end: number } {
  const count = offsets.length - 1;
  if (count <= 0) return { start: 0, end: 0 };
  const start = rowAt(offsets, Math.max(0, top - overscan));
  const end = Math.min(count, rowAt(offsets, top + height + overscan) + 1);
  return { start, end };
}
