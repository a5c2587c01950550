import { createHash } from 'node:crypto';
import type { DiffHunkView } from '../../../src-shared/contract';

/**
 * A hunk of one file's diff: the one type for what DiffLens shows, what accept, revert and
 * hunk picks act on, what provenance attributes and what the radar reads. It is the
 * contract's shape (src-shared/contract/review.ts), so the screen gets the very object the
 * host matches requests against:
 * `{ oldStart, oldLines, newStart, newLines, header, lines: [{ kind, text, oldLine?, newLine?, noNewlineAtEnd? }] }`.
 * `kind` is ' ' (context), '-' (removed) or '+' (added); `text` is the line without its prefix
 * and without the newline; `noNewlineAtEnd` marks git's "\ No newline at end of file" after it.
 * Its id (`hunkId`) goes along where a hunk is shown to someone who may act on it
 * (DiffLens's `FileDiff.hunkIds`).
 */
export type Hunk = DiffHunkView;
export type HunkLine = Hunk['lines'][number];

/** Where a hunk sits, as its header says: `@@ -oldStart,oldLines +newStart,newLines @@`. */
export interface HunkRange {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
}

/** Just the range of a hunk (e.g. to name it in a request or an error's details). */
export const hunkRange = (hunk: HunkRange): HunkRange => ({
  oldStart: hunk.oldStart,
  oldLines: hunk.oldLines,
  newStart: hunk.newStart,
  newLines: hunk.newLines,
});

export const sameRange = (a: HunkRange, b: HunkRange): boolean =>
  a.oldStart === b.oldStart && a.oldLines === b.oldLines && a.newStart === b.newStart && a.newLines === b.newLines;

/**
 * What a hunk is: its range and every line (kind, text, missing final newline), hashed. Two
 * reads of an unchanged file give the same id; any change to the hunk's lines gives another,
 * even when its range stays the same.
 */
export function hunkId(hunk: Hunk): string {
  const hash = createHash('sha256').update(`${hunk.oldStart},${hunk.oldLines},${hunk.newStart},${hunk.newLines}\n`);
  // Two fixed characters before each text, so no text can pass for another line's marker.
  for (const line of hunk.lines) hash.update(`${line.kind}${line.noNewlineAtEnd ? '!' : '.'}${line.text}\n`);
  return hash.digest('base64url').slice(0, 22);
}

/** `@@ -a,b +c,d @@` as git writes it: a count of 1 is left out. */
export function hunkHeader(range: HunkRange): string {
  const side = (start: number, count: number) => (count === 1 ? `${start}` : `${start},${count}`);
  return `@@ -${side(range.oldStart, range.oldLines)} +${side(range.newStart, range.newLines)} @@`;
}

/** The hunk's added lines, without their '+'. */
export const addedLines = (hunk: Hunk): string[] => hunk.lines.filter((line) => line.kind === '+').map((line) => line.text);

/** The hunk's removed lines, without their '-'. */
export const removedLines = (hunk: Hunk): string[] => hunk.lines.filter((line) => line.kind === '-').map((line) => line.text);

/**
 * The hunk's changes without their context: each run of removed and added lines as its own
 * range, numbered the way git's zero-context diff (`-U0`) names it (a run with nothing on one
 * side sits after the line before it). Taken from the hunk itself, so a hunk with context and
 * the changes it carries can never disagree.
 */
export function changeRanges(hunk: Hunk): HunkRange[] {
  const ranges: HunkRange[] = [];
  // A side with no lines names the line before it (`-5,0`: after line 5).
  let oldLine = hunk.oldLines === 0 ? hunk.oldStart + 1 : hunk.oldStart;
  let newLine = hunk.newLines === 0 ? hunk.newStart + 1 : hunk.newStart;
  let run: HunkRange | null = null;
  for (const line of hunk.lines) {
    if (line.kind === ' ') {
      if (run) ranges.push(run);
      run = null;
      oldLine += 1;
      newLine += 1;
      continue;
    }
    run ??= { oldStart: oldLine - 1, oldLines: 0, newStart: newLine - 1, newLines: 0 };
    if (line.kind === '-') {
      if (run.oldLines === 0) run.oldStart = oldLine;
      run.oldLines += 1;
      oldLine += 1;
    } else {
      if (run.newLines === 0) run.newStart = newLine;
      run.newLines += 1;
      newLine += 1;
    }
  }
  if (run) ranges.push(run);
  return ranges;
}
