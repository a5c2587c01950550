import type { ReviewFindingInput, Result } from '../../../src-shared/contract';
import { changeRanges, type DiffFile, type FileDiff, type Hunk } from '../diffs';

/** A finding placed in the diff: the changed file it is on, its lines (null: the whole file) and the code there. */
export interface LocatedFinding {
  finding: ReviewFindingInput;
  path: string;
  lineStart: number | null;
  lineEnd: number | null;
  /** The lines at that place as they read now, joined with "\n" (null for a finding about the whole file). */
  anchorText: string | null;
}

export interface FindingDiff {
  /** The workspace's changed files against the merge-base (DiffLens's list). */
  files: readonly DiffFile[];
  /** One file's diff as DiffLens shows it (hunks with three lines of context, and the new text). */
  fileDiff(file: DiffFile): Promise<Result<FileDiff>>;
}

/** The lines a finding may keep as its anchor (the rest of a long range is not compared). */
const maxAnchorLines = 100;

/**
 * Where each finding of a review is in the diff of the reviewed workspace, or why it is not: the
 * file must be a changed file, and its lines (on the new side, as the working tree has them)
 * must overlap the lines DiffLens shows for that file — its hunks with their context — so the
 * finding can be shown at its place. A finding without lines is about the whole file. Each
 * problem is one "findings[i]: …" line naming what the diff has instead.
 */
export async function locateFindings(findings: readonly ReviewFindingInput[], diff: FindingDiff): Promise<{ located: LocatedFinding[]; problems: string[] }> {
  const located: LocatedFinding[] = [];
  const problems: string[] = [];
  const diffs = new Map<string, Promise<Result<FileDiff>>>();
  for (const [index, finding] of findings.entries()) {
    const at = `findings[${index}]`;
    const file = changedFile(diff.files, finding.file);
    if (!file.ok) {
      problems.push(`${at}.file: ${file.reason}`);
      continue;
    }
    const { path } = file.data;
    if (finding.lineStart === undefined || finding.lineEnd === undefined) {
      located.push({ finding, path, lineStart: null, lineEnd: null, anchorText: null });
      continue;
    }
    let read = diffs.get(path);
    if (!read) {
      read = diff.fileDiff(file.data);
      diffs.set(path, read);
    }
    const shown = await read;
    if (!shown.ok) {
      problems.push(`${at}: the diff of ${path} could not be read (${shown.error.message}); report it about the whole file (leave out lineStart and lineEnd)`);
      continue;
    }
    const reason = linesOutsideDiff(path, finding.lineStart, finding.lineEnd, shown.data);
    if (reason) {
      problems.push(`${at}: ${reason}`);
      continue;
    }
    const lines = (shown.data.newText ?? '').split('\n');
    const anchor = lines.slice(finding.lineStart - 1, Math.min(finding.lineEnd, finding.lineStart - 1 + maxAnchorLines));
    located.push({ finding, path, lineStart: finding.lineStart, lineEnd: finding.lineEnd, anchorText: anchor.join('\n') });
  }
  return { located, problems };
}

type Found = { ok: true; data: DiffFile } | { ok: false; reason: string };

/** The changed file a finding names (a leading "./" is forgiven), or why it is not one. */
function changedFile(files: readonly DiffFile[], named: string): Found {
  const path = named.replace(/^\.\/+/, '');
  const exact = files.find((file) => file.path === path);
  if (exact) return { ok: true, data: exact };
  const renamed = files.find((file) => file.oldPath === path && file.status === 'renamed');
  if (renamed) return { ok: false, reason: `${path} was renamed to ${renamed.path}; name the file as it is now (${renamed.path})` };
  const listed = files.slice(0, 30).map((file) => file.path);
  const more = files.length > listed.length ? ` and ${files.length - listed.length} more` : '';
  return {
    ok: false,
    reason: files.length === 0 ? `${path} is not in the diff: the workspace has no changes` : `${path} is not a changed file of this workspace; the changed files are ${listed.join(', ')}${more}`,
  };
}

/**
 * Why `lineStart..lineEnd` of `path` cannot carry a finding, or null when it overlaps what the
 * diff shows: "src/x.ts:40–45 is not in the diff; the lines of src/x.ts in the diff are 1–12,
 * 15–23 (changed: 3–9, 18–20)".
 */
export function linesOutsideDiff(path: string, lineStart: number, lineEnd: number, diff: Pick<FileDiff, 'status' | 'binary' | 'tooLarge' | 'hunks' | 'newText'>): string | null {
  const where = `${path}:${span(lineStart, lineEnd)}`;
  if (diff.status === 'deleted') return `${path} was deleted: it has no lines any more; report the finding about the whole file (leave out lineStart and lineEnd)`;
  if (diff.binary) return `${path} is a binary file: report the finding about the whole file (leave out lineStart and lineEnd)`;
  if (diff.tooLarge) return `${path} is too large to show in the diff: report the finding about the whole file (leave out lineStart and lineEnd)`;
  if (diff.status === 'unchanged') return `${path} no longer differs from the merge-base: there is nothing of it in the diff`;
  const lineCount = countLines(diff.newText ?? '');
  if (lineEnd > lineCount) return `${where} is past the end of ${path}, which has ${lineCount} line${lineCount === 1 ? '' : 's'}`;
  const shown = diff.hunks.filter((hunk) => hunk.newLines > 0).map((hunk) => [hunk.newStart, hunk.newStart + hunk.newLines - 1] as const);
  if (shown.some(([start, end]) => lineStart <= end && lineEnd >= start)) return null;
  const changed = changedLines(diff.hunks);
  const changedText = changed.length > 0 ? ` (changed: ${changed.map(([start, end]) => span(start, end)).join(', ')})` : ' (only removals)';
  if (shown.length === 0) return `${where} is not in the diff: ${path} only lost lines, so a finding on it is about the whole file (leave out lineStart and lineEnd)`;
  return `${where} is not in the diff; the lines of ${path} in the diff are ${shown.map(([start, end]) => span(start, end)).join(', ')}${changedText}`;
}

/** The added lines of the hunks, as ranges on the new side. */
function changedLines(hunks: readonly Hunk[]): [number, number][] {
  return hunks.flatMap((hunk) => changeRanges(hunk).filter((range) => range.newLines > 0).map((range): [number, number] => [range.newStart, range.newStart + range.newLines - 1]));
}

function span(start: number, end: number): string {
  return start === end ? `${start}` : `${start}–${end}`;
}

function countLines(text: string): number {
  if (text === '') return 0;
  return (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n').length;
}
