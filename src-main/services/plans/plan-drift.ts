import type { PlanStep } from '../../../src-shared/contract';
import { pathMatcher } from '../paths/path-matcher';

/**
 * Drift, found deterministically: which changed files no step pinned to an implement task
 * names (`pathMatcher`: the exact path, a folder above it, or a glob matching it).
 */
export interface UnplannedPath {
  path: string;
  /** Steps of the plan that are not pinned to the task but name the path. */
  otherSteps: string[];
}

/**
 * The changed paths (in the order given) that no pinned step names; for each, the plan's other
 * steps that do (a change that belongs to another task's step is still unplanned here).
 */
export function unplannedPaths(changed: readonly string[], steps: readonly Pick<PlanStep, 'id' | 'files'>[], pinned: readonly string[]): UnplannedPath[] {
  const pinnedIds = new Set(pinned);
  const matchers = steps.map((step) => ({ id: step.id, pinned: pinnedIds.has(step.id), matches: step.files.map(pathMatcher) }));
  const names = (matcher: (typeof matchers)[number], path: string) => matcher.matches.some((matches) => matches(path));
  const unplanned: UnplannedPath[] = [];
  for (const path of new Set(changed)) {
    if (matchers.some((matcher) => matcher.pinned && names(matcher, path))) continue;
    unplanned.push({ path, otherSteps: matchers.filter((matcher) => !matcher.pinned && names(matcher, path)).map((matcher) => matcher.id) });
  }
  return unplanned;
}
