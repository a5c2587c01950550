import { describe, expect, it } from 'vitest';
import { rowAt, rowOffsets, visibleRows } from './virtual-layout';

describe('virtual layout', () => {
  const heights = [10, 20, 30, 40];
  const offsets = rowOffsets(heights.length, (i) => heights[i]!);

  it('places rows one after another', () => {
    expect([...offsets]).toEqual([0, 10, 30, 60, 100]);
  });

  it('finds the row under a position', () => {
    expect([0, 9, 10, 29, 30, 99, 500].map((y) => rowAt(offsets, y))).toEqual([0, 0, 1, 1, 2, 3, 3]);
  });

  it('renders only the rows that meet the viewport, plus the overscan', () => {
    expect(visibleRows(offsets, 12, 10, 0)).toEqual({ start: 1, end: 2 });
    expect(visibleRows(offsets, 12, 10, 20)).toEqual({ start: 0, end: 3 });
    expect(visibleRows(rowOffsets(0, () => 0), 0, 100, 0)).toEqual({ start: 0, end: 0 });
  });

  it('keeps 10,000 rows cheap: a few dozen rendered for one screen', () => {
    const many = rowOffsets(10_000, (i) => 40 + (i % 7) * 10);
    const { start, end } = visibleRows(many, many[9_990]!, 800, 400);
    expect(end).toBe(10_000);
    expect(end - start).toBeLessThan(60);
  });
});
