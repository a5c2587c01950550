import type { HunkRangeView, MergeStrategyName, MethodInput } from '../../../src-shared/contract';

export type MergeRequest = MethodInput<'merge.preview'>;

/** What the user chose in the merge dialog. */
export interface MergeChoices {
  strategy: MergeStrategyName;
  /** A typed message; null uses the host's suggestion. */
  message: string | null;
  /** Files unticked in the file list (empty: merge everything). */
  excluded: readonly string[];
  /**
   * Modified files merged hunk by hunk: the chosen hunks, a non-empty strict subset of the
   * file's (as `review.fileDiff` shows them). A file here is never in `excluded`.
   */
  hunks: Readonly<Record<string, readonly HunkRangeView[]>>;
  includeUncommitted: boolean;
}

/** By default a merge takes everything the task produced, its uncommitted files included. */
export const defaultChoices: MergeChoices = { strategy: 'merge', message: null, excluded: [], hunks: {}, includeUncommitted: true };

export const strategyLabels: Record<MergeStrategyName, string> = {
  merge: 'Merge commit',
  squash: 'Squash',
  rebase: 'Rebase then fast-forward',
};

/** Whether only part of the workspace's changes is chosen (some files left out or taken hunk by hunk). */
export function isSelective(choices: Pick<MergeChoices, 'excluded' | 'hunks'>): boolean {
  return choices.excluded.length > 0 || Object.keys(choices.hunks).length > 0;
}

/** A message is used by a merge commit, a squash, and any selective merge (one new commit); a rebase keeps its commits'. */
export function messageApplies(choices: Pick<MergeChoices, 'strategy' | 'excluded' | 'hunks'>): boolean {
  return choices.strategy !== 'rebase' || isSelective(choices);
}

/** Only the four numbers: the contract's range is strict, and file diff hunks carry their lines too. */
export const hunkRangeOf = (hunk: HunkRangeView): HunkRangeView => ({
  oldStart: hunk.oldStart,
  oldLines: hunk.oldLines,
  newStart: hunk.newStart,
  newLines: hunk.newLines,
});

export const sameHunk = (a: HunkRangeView, b: HunkRangeView) =>
  a.oldStart === b.oldStart && a.oldLines === b.oldLines && a.newStart === b.newStart && a.newLines === b.newLines;

/** "-3,4 +3,6", as git names the hunk. */
export const hunkLabel = (range: HunkRangeView) => `-${range.oldStart},${range.oldLines} +${range.newStart},${range.newLines}`;

/**
 * The request for these choices. A selective merge names the files to keep, so it needs the
 * full list (`allFiles`, from a preview without exclusions); null until that is known. Files
 * taken hunk by hunk go in `hunks` instead of `files`.
 */
export function mergeRequestFor(taskId: string, choices: MergeChoices, allFiles: readonly string[] | null): MergeRequest | null {
  const request: MergeRequest = { taskId, strategy: choices.strategy, includeUncommitted: choices.includeUncommitted };
  if (choices.message !== null && messageApplies(choices)) request.message = choices.message;
  if (!isSelective(choices)) return request;
  if (!allFiles) return null;
  const excluded = new Set(choices.excluded);
  const kept = allFiles.filter((path) => !excluded.has(path));
  const partial = kept.filter((path) => (choices.hunks[path]?.length ?? 0) > 0);
  // Choices about files this merge does not have (uncommitted ones, left out again) change nothing.
  if (kept.length === allFiles.length && partial.length === 0) return request;
  request.files = kept.filter((path) => !partial.includes(path));
  if (partial.length > 0) request.hunks = partial.map((path) => ({ path, hunks: (choices.hunks[path] ?? []).map(hunkRangeOf) }));
  return request;
}

/** Identifies a request, so a preview is only trusted for the exact choices it was made for. */
export function requestKey(request: MergeRequest): string {
  return JSON.stringify([request.taskId, request.strategy, request.includeUncommitted ?? true, request.message ?? null, request.files ?? null, request.hunks ?? null]);
}

/** How much of one file is chosen. */
export function fileChoice(choices: Pick<MergeChoices, 'excluded' | 'hunks'>, path: string): 'whole' | 'some' | 'none' {
  if (choices.excluded.includes(path)) return 'none';
  return (choices.hunks[path]?.length ?? 0) > 0 ? 'some' : 'whole';
}

/** The file's hunks (`all`, in diff order) that are chosen now; picks no longer among them are left out. */
export function chosenHunks<H extends HunkRangeView>(choices: Pick<MergeChoices, 'excluded' | 'hunks'>, path: string, all: readonly H[]): H[] {
  switch (fileChoice(choices, path)) {
    case 'none':
      return [];
    case 'whole':
      return [...all];
    case 'some': {
      const picks = choices.hunks[path] ?? [];
      return all.filter((hunk) => picks.some((pick) => sameHunk(pick, hunk)));
    }
  }
}

function withoutHunks(hunks: MergeChoices['hunks'], path: string): MergeChoices['hunks'] {
  const { [path]: _dropped, ...rest } = hunks;
  return rest;
}

/**
 * Ticks or unticks one hunk of a file whose hunks are `all`. None left means the file is not
 * merged; all of them means the whole file again. Setting (not flipping) keeps a repeated
 * event harmless.
 */
export function toggleHunk(choices: MergeChoices, path: string, all: readonly HunkRangeView[], hunk: HunkRangeView, included: boolean): MergeChoices {
  const current = chosenHunks(choices, path, all);
  const next = all.filter((item) => (sameHunk(item, hunk) ? included : current.some((chosen) => sameHunk(chosen, item))));
  const excluded = choices.excluded.filter((item) => item !== path);
  const hunks = withoutHunks(choices.hunks, path);
  if (next.length === 0) return { ...choices, excluded: [...excluded, path], hunks };
  if (next.length === all.length) return { ...choices, excluded, hunks };
  return { ...choices, excluded, hunks: { ...hunks, [path]: next.map(hunkRangeOf) } };
}

/** Ticks (the whole file) or unticks one file. */
export function toggleFile(choices: MergeChoices, path: string, included: boolean): MergeChoices {
  const excluded = choices.excluded.filter((item) => item !== path);
  return { ...choices, excluded: included ? excluded : [...excluded, path], hunks: withoutHunks(choices.hunks, path) };
}

/** "All files" ticked merges everything whole; unticked excludes every file. */
export function toggleAllFiles(choices: MergeChoices, allFiles: readonly string[], included: boolean): MergeChoices {
  return { ...choices, excluded: included ? [] : [...allFiles], hunks: {} };
}
