import { sameRange, type DiffHunk, type HunkRange } from './unified-diff';

/**
 * Positions on one side of a diff as points between lines: a hunk covering lines s..s+n-1
 * spans [s, s+n]; a hunk with no lines on that side (a pure insertion or deletion) sits at
 * the boundary after line s, i.e. [s+1, s+1].
 */
interface Span {
  low: number;
  high: number;
  empty: boolean;
}

const spanOf = (start: number, count: number): Span =>
  count > 0 ? { low: start, high: start + count, empty: false } : { low: start + 1, high: start + 1, empty: true };

const contains = (outer: Span, inner: Span) => outer.low <= inner.low && inner.high <= outer.high;

/** Two line spans overlap when they share a line; a boundary touches a span it lies on. */
function overlaps(a: Span, b: Span): boolean {
  if (!a.empty && !b.empty) return a.low < b.high && b.low < a.high;
  return a.low <= b.high && b.low <= a.high;
}

/**
 * The zero-context hunks a requested hunk stands for. The request may name a hunk of the
 * zero-context diff exactly (the finest a change can be split), or a hunk of the usual
 * three-line-context diff, which groups the nearby zero-context hunks. Null when it names
 * neither: the file changed since the diff was shown.
 */
export function resolveRequestedHunk(
  request: HunkRange,
  zeroContext: readonly DiffHunk[],
  withContext: readonly DiffHunk[],
): DiffHunk[] | null {
  const exact = zeroContext.find((hunk) => sameRange(hunk, request));
  if (exact) return [exact];
  const grouped = withContext.find((hunk) => sameRange(hunk, request));
  if (!grouped) return null;
  const oldSpan = spanOf(grouped.oldStart, grouped.oldLines);
  const newSpan = spanOf(grouped.newStart, grouped.newLines);
  const inside = zeroContext.filter(
    (hunk) => contains(oldSpan, spanOf(hunk.oldStart, hunk.oldLines)) && contains(newSpan, spanOf(hunk.newStart, hunk.newLines)),
  );
  return inside.length > 0 ? inside : null;
}

/**
 * The hunks of `candidates` that touch the same lines of the new file as any of `targets`.
 * Both diffs must share their new side (the working tree): this maps a hunk of the
 * merge-base diff onto the uncommitted diff, whose hunks are what a commit can take.
 */
export function overlappingOnNewSide(targets: readonly HunkRange[], candidates: readonly DiffHunk[]): DiffHunk[] {
  const spans = targets.map((target) => spanOf(target.newStart, target.newLines));
  return candidates.filter((candidate) => {
    const span = spanOf(candidate.newStart, candidate.newLines);
    return spans.some((target) => overlaps(target, span));
  });
}
