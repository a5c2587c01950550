import type { MethodOutput } from '../../../src-shared/contract';

export type FileDiff = MethodOutput<'review.fileDiff'>;
export type FileHunk = FileDiff['hunks'][number];

/** Changed lines shown of each hunk in the merge dialog: enough to recognise it, not to review it. */
export const previewedLines = 3;

/** "+2 −1": the hunk's added and removed lines. */
export function hunkCounts(hunk: Pick<FileHunk, 'lines'>): string {
  const added = hunk.lines.filter((line) => line.kind === '+').length;
  const removed = hunk.lines.filter((line) => line.kind === '-').length;
  return `+${added} −${removed}`;
}

/** The first few added or removed lines, and how many more there are. */
export function hunkPreview(hunk: Pick<FileHunk, 'lines'>, limit = previewedLines): { lines: { kind: '+' | '-'; text: string }[]; more: number } {
  const changed = hunk.lines.filter((line): line is typeof line & { kind: '+' | '-' } => line.kind !== ' ');
  return { lines: changed.slice(0, limit).map(({ kind, text }) => ({ kind, text })), more: Math.max(0, changed.length - limit) };
}

/** Why a file offers no hunks to choose from, or null when it does. */
export function noHunksReason(diff: Pick<FileDiff, 'status' | 'binary' | 'tooLarge' | 'hunks'>): string | null {
  if (diff.binary) return 'A binary file: merge it whole or leave it out.';
  if (diff.tooLarge) return 'Too large to show its hunks: merge it whole or leave it out.';
  if (diff.status !== 'modified') return `Its changes are no longer an in-place edit (${diff.status}): merge it whole or leave it out.`;
  if (diff.hunks.length === 0) return 'It has no changes any more.';
  return null;
}
