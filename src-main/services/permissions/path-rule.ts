import { relative } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { isInsideOrEqual } from '../paths/path-containment';
import type { CommandPlace } from './command-paths';

const compiled = new Map<string, { base: 'root' | 'home' | 'worktree'; matcher: Ignore; pattern: string }>();

/**
 * Whether a `Read(…)`/`Edit(…)` path pattern covers `path` (absolute), gitignore-style:
 * `//abs/path` is absolute, `~/x` is in the home folder, `/x` and `./x` are anchored at the
 * workspace root, and a bare `x` is relative to the workspace (a name without `/` matches at
 * any depth, as in .gitignore).
 */
export function pathPatternMatches(pattern: string, path: string, place: CommandPlace): boolean {
  const entry = compile(pattern);
  const base = entry.base === 'root' ? '/' : entry.base === 'home' ? place.home : place.worktree;
  if (!isInsideOrEqual(base, path)) return false;
  const inside = relative(base, path);
  if (inside === '') return entry.pattern === '/' || entry.pattern === '/**';
  return entry.matcher.ignores(inside);
}

function compile(pattern: string): { base: 'root' | 'home' | 'worktree'; matcher: Ignore; pattern: string } {
  const known = compiled.get(pattern);
  if (known) return known;
  let base: 'root' | 'home' | 'worktree' = 'worktree';
  let written = pattern;
  if (pattern.startsWith('//')) {
    base = 'root';
    written = pattern.slice(1);
  } else if (pattern === '~' || pattern.startsWith('~/')) {
    base = 'home';
    written = pattern.slice(1) || '/**';
  } else if (pattern.startsWith('./')) written = pattern.slice(1);
  // Patterns come from settings files: few, but never let the cache grow without bound.
  if (compiled.size >= 2_000) compiled.clear();
  const entry = { base, matcher: ignore({ allowRelativePaths: true }).add(written), pattern: written };
  compiled.set(pattern, entry);
  return entry;
}
