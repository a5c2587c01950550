import { isAbsolute, relative, sep } from 'node:path';

/**
 * Whether `candidate` is `root` or lies below it, judged on the paths as written (symlinks are
 * not resolved here). A sibling sharing the root's name as a prefix (`/work/tree-evil` for
 * `/work/tree`) is outside.
 */
export function isInsideOrEqual(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || isDescendingPath(rel);
}

/** Like `isInsideOrEqual`, but the root itself does not count: for what may be deleted, say. */
export function isStrictlyInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel !== '' && isDescendingPath(rel);
}

/** A non-empty relative path that goes down: no leading `..`, and not absolute (another drive on Windows). */
function isDescendingPath(rel: string): boolean {
  return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
