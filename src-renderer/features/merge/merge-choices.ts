import type { MergeStrategyName, MethodInput } from '../../../src-shared/contract';

export type MergeRequest = MethodInput<'merge.preview'>;

/** What the user chose in the merge dialog. */
export interface MergeChoices {
  strategy: MergeStrategyName;
  /** A typed message; null uses the host's suggestion. */
  message: string | null;
  /** Files unticked in the file list (empty: merge everything). */
  excluded: readonly string[];
  includeUncommitted: boolean;
}

export const defaultChoices: MergeChoices = { strategy: 'merge', message: null, excluded: [], includeUncommitted: false };

export const strategyLabels: Record<MergeStrategyName, string> = {
  merge: 'Merge commit',
  squash: 'Squash',
  rebase: 'Rebase then fast-forward',
};

/** A message is used by a merge commit, a squash, and any selective merge (one new commit); a rebase keeps its commits'. */
export function messageApplies(choices: Pick<MergeChoices, 'strategy' | 'excluded'>): boolean {
  return choices.strategy !== 'rebase' || choices.excluded.length > 0;
}

/**
 * The request for these choices. A selective merge names the files to keep, so it needs the
 * full list (`allFiles`, from a preview without exclusions); null until that is known.
 */
export function mergeRequestFor(taskId: string, choices: MergeChoices, allFiles: readonly string[] | null): MergeRequest | null {
  const request: MergeRequest = { taskId, strategy: choices.strategy, includeUncommitted: choices.includeUncommitted };
  if (choices.message !== null && messageApplies(choices)) request.message = choices.message;
  if (choices.excluded.length === 0) return request;
  if (!allFiles) return null;
  const excluded = new Set(choices.excluded);
  request.files = allFiles.filter((path) => !excluded.has(path));
  return request;
}

/** Identifies a request, so a preview is only trusted for the exact choices it was made for. */
export function requestKey(request: MergeRequest): string {
  return JSON.stringify([request.taskId, request.strategy, request.includeUncommitted ?? false, request.message ?? null, request.files ?? null]);
}

/** Ticks or unticks one file. */
export function toggleFile(choices: MergeChoices, path: string, included: boolean): MergeChoices {
  const excluded = choices.excluded.filter((item) => item !== path);
  return { ...choices, excluded: included ? excluded : [...excluded, path] };
}

/** "All files" ticked merges everything; unticked excludes every file. */
export function toggleAllFiles(choices: MergeChoices, allFiles: readonly string[], included: boolean): MergeChoices {
  return { ...choices, excluded: included ? [] : [...allFiles] };
}
