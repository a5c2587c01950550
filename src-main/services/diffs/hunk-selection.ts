import { sameRange, type Hunk, type HunkRange } from './hunk';
import type { FilePatch } from './unified-diff';

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

/** Two line spans overlap when they share a line; a boundary touches a span it lies on. */
function overlaps(a: Span, b: Span): boolean {
  if (!a.empty && !b.empty) return a.low < b.high && b.low < a.high;
  return a.low <= b.high && b.low <= a.high;
}

/** The hunk a request names, with the file section it belongs to; null when no hunk has that range. */
export function findHunk(patches: readonly FilePatch[], request: HunkRange): { patch: FilePatch; hunk: Hunk } | null {
  for (const patch of patches) {
    const hunk = patch.hunks.find((candidate) => sameRange(candidate, request));
    if (hunk) return { patch, hunk };
  }
  return null;
}

/**
 * The hunks of `candidates` that touch the same lines of the new file as any of `targets`.
 * Both diffs must share their new side (the working tree): this maps the changes of a hunk of
 * the merge-base diff onto the uncommitted diff, whose hunks are what a commit can take.
 */
export function overlappingOnNewSide(targets: readonly HunkRange[], candidates: readonly Hunk[]): Hunk[] {
  const spans = targets.map((target) => spanOf(target.newStart, target.newLines));
  return candidates.filter((candidate) => {
    const span = spanOf(candidate.newStart, candidate.newLines);
    return spans.some((target) => overlaps(target, span));
  });
}
