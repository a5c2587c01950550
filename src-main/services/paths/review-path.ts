import { fail, ok, type Result } from '../../../src-shared/contract';
import { quotePath, shownPath } from './path-refusal';
import { checkEntryName, locateWorktreeEntry, type WorktreeEntry } from './worktree-entry';

/**
 * A file path as the review names it: relative to the worktree root, forward slashes, no
 * `.` or `..` segments, nothing named `.git`, within the file system's length limits
 * (`checkEntryName`). Anything else is refused before git or the disk sees it.
 */
export function validateReviewPath(path: string): Result<string> {
  if (typeof path !== 'string') return fail('PATH_OUTSIDE_ROOT', 'Refused path: it is not text.');
  const refuse = (why: string) => fail('PATH_OUTSIDE_ROOT', `Refused path ${quotePath(path)}: ${why}.`, { path: shownPath(path) });
  if (/^[A-Za-z]:/.test(path) || path.includes('\\')) return refuse('give a path relative to the workspace root');
  // A folder is never one review entry: `src/` would accept or revert everything in it.
  if (path.endsWith('/')) return refuse('it names a folder, not a file');
  const checked = checkEntryName(path);
  return checked.ok ? ok(path) : checked;
}

/**
 * A review path located in the worktree: confined like the agent's tools (a link on the way
 * out of the worktree, a link loop, a name too long are refused), and never through a link
 * at all, as git does not follow them (`WorktreeEntry`).
 */
export function locateReviewPath(root: string, path: string): Result<WorktreeEntry> {
  const valid = validateReviewPath(path);
  return valid.ok ? locateWorktreeEntry(root, path) : valid;
}
