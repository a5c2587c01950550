import picomatch from 'picomatch';

/**
 * Whether a repository path (relative, `/`-separated) is named by an entry a person wrote: a
 * plan step's `files`, a rule's `paths:` or `globs:`. An entry names a path when it is
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
