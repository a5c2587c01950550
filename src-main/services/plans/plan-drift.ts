import picomatch from 'picomatch';
import type { PlanStep } from '../../../src-shared/contract';

/**
 * Drift, found deterministically: which changed files no step pinned to an implement task
 * names. A step's `files` entry names a path when it is
 * - the exact path (`src/nav.ts`),
 * - a folder above it, with or without the trailing slash (`src/menu/`, `src/menu`),
 * - a glob matching it (`src/menu/**`, `src/*.ts`; a glob without a slash matches the file name
 *   at any depth, as in .gitignore: `*.md`).
 * Leading `./` and `/` are ignored: entries are relative to the repository root.
 */
export type PathMatcher = (path: string) => boolean;

export function pathMatcher(entry: string): PathMatcher {
  const pattern = entry.trim().replace(/^(\.\/|\/)+/, '').replace(/\/{2,}/g, '/');
  if (pattern === '' || pattern === '.') return () => false;
  if (picomatch.scan(pattern).isGlob) {
    // One argument only: with a second, picomatch returns a (truthy) details object.
    const glob = picomatch(pattern, { dot: true, basename: !pattern.includes('/') });
    return (path) => glob(path);
  }
  const folder = pattern.endsWith('/') ? pattern : `${pattern}/`;
  const exact = pattern.replace(/\/$/, '');
  return (path) => path === exact || path.startsWith(folder);
}

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
