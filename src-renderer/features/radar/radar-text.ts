import type { Radar } from '../../../src-shared/contract';

type RadarPair = Radar['pairs'][number];
type RadarPairFile = RadarPair['files'][number];
type RadarVerdict = Radar['tasks'][number];

/** What the radar needs to know about a task besides the radar itself. */
export interface RadarTaskInfo {
  title: string;
  /** The branch it was merged into, once merged. */
  mergedInto: string | null;
}

export type RadarLookup = (taskId: string) => RadarTaskInfo | undefined;

export type RadarTone = 'conflict' | 'overlap' | 'merged';

export interface RadarBadgeText {
  tone: RadarTone;
  /** The word on the badge. */
  label: string;
  /** The full sentence: accessible description and tooltip. */
  description: string;
}

const listedFiles = 8;

/** "a.ts, b.ts and 3 more" */
export function fileList(paths: readonly string[]): string {
  const shown = paths.slice(0, listedFiles).join(', ');
  return paths.length > listedFiles ? `${shown} and ${paths.length - listedFiles} more` : shown;
}

/** Base line ranges both tasks touched: "lines 3–5, 9", "whole file", "different lines". */
export function rangeText(file: Pick<RadarPairFile, 'ranges' | 'wholeFile'>): string {
  if (file.wholeFile) return 'whole file';
  if (file.ranges.length === 0) return 'different lines';
  const parts = file.ranges.map(([start, end]) => (start === end ? `${start}` : `${start}–${end}`));
  const single = file.ranges.length === 1 && file.ranges[0]![0] === file.ranges[0]![1];
  return `${single ? 'line' : 'lines'} ${parts.join(', ')}`;
}

/** The dry-run merge into the base, in words. */
export function verdictText(verdict: RadarVerdict): string {
  if (verdict.error) return `radar could not check: ${verdict.error}`;
  if (verdict.clean || verdict.conflicts.length === 0) return 'merges cleanly';
  return `conflicts in: ${fileList(verdict.conflicts)}`;
}

export interface TaskOverlap {
  otherId: string;
  otherTitle: string;
  files: RadarPairFile[];
}

/**
 * The other tasks whose changes touch the same files. Merged tasks are left out: their work
 * is in the base now, so the dry-run verdict speaks for it.
 */
export function overlapsOf(radar: Radar, taskId: string, lookup: RadarLookup): TaskOverlap[] {
  const self = lookup(taskId);
  if (!self || self.mergedInto !== null) return [];
  const overlaps: TaskOverlap[] = [];
  for (const pair of radar.pairs) {
    if (pair.a !== taskId && pair.b !== taskId) continue;
    const otherId = pair.a === taskId ? pair.b : pair.a;
    const other = lookup(otherId);
    if (!other || other.mergedInto !== null || pair.files.length === 0) continue;
    overlaps.push({ otherId, otherTitle: other.title, files: pair.files });
  }
  return overlaps;
}

/** "overlaps Beta in shared.txt (lines 1–3), b.ts (different lines)" */
export function overlapText(overlap: Pick<TaskOverlap, 'otherTitle' | 'files'>): string {
  const shown = overlap.files.slice(0, listedFiles).map((file) => `${file.path} (${rangeText(file)})`);
  const more = overlap.files.length > listedFiles ? ` and ${overlap.files.length - listedFiles} more` : '';
  return `overlaps ${overlap.otherTitle} in ${shown.join(', ')}${more}`;
}

/**
 * The sidebar badge: shown when a task was merged, would conflict with its base, or touches
 * files another task touches; nothing for a quiet task.
 */
export function radarBadgeText(radar: Radar | undefined, taskId: string, lookup: RadarLookup): RadarBadgeText | null {
  const self = lookup(taskId);
  if (!self) return null;
  if (self.mergedInto !== null) return { tone: 'merged', label: 'merged', description: `merged into ${self.mergedInto}` };
  if (!radar) return null;
  const verdict = radar.tasks.find((entry) => entry.taskId === taskId);
  const conflicted = verdict !== undefined && !verdict.error && !verdict.clean && verdict.conflicts.length > 0;
  const overlaps = overlapsOf(radar, taskId, lookup);
  if (!conflicted && overlaps.length === 0) return null;
  const sentences = [...(verdict ? [verdictText(verdict)] : []), ...overlaps.map(overlapText)];
  return { tone: conflicted ? 'conflict' : 'overlap', label: conflicted ? 'conflict' : 'overlap', description: sentences.join('; ') };
}
