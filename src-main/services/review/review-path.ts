import { fail, ok, type Result } from '../../../src-shared/contract';

/**
 * A file path as the review names it: relative to the worktree root, forward slashes, no
 * `.` or `..` segments, never inside `.git`. Anything else is refused before git sees it.
 */
export function validateReviewPath(path: string): Result<string> {
  const refuse = (why: string) => fail('PATH_OUTSIDE_ROOT', `Refused path "${path}": ${why}.`, { path });
  if (typeof path !== 'string' || path === '') return refuse('it is empty');
  if (path.includes('\0')) return refuse('it contains a NUL character');
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.includes('\\')) return refuse('give a path relative to the workspace root');
  const segments = path.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) return refuse('it has an empty, "." or ".." part');
  if (segments[0]?.toLowerCase() === '.git') return refuse('git’s own files are off limits');
  return ok(path);
}
