import { realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fail, ok, type ErrorCode, type Result } from '../../../src-shared/contract';
import { isInsideOrEqual } from './path-containment';
import { maxPathBytes, quotePath, shownPath } from './path-refusal';
import { realpathFollowingDanglingLinks } from './real-location';

/**
 * Turns a path an agent asked for into an absolute real path inside the workspace root, or
 * refuses it with `PATH_OUTSIDE_ROOT` (`PATH_TOO_LONG` when overlong, `SYMLINK_LOOP` for a
 * link loop). Paths are relative to the root; an absolute path is accepted only when it
 * already lies inside the root. The requested text is taken literally
 * (no `~`, no percent-decoding, no Unicode folding); backslashes count as separators so
 * Windows-style traversal cannot slip past. The returned path is the real location (every
 * existing symlink resolved, missing tail appended), so callers act on what was checked.
 * Git's internals (`.git` as a folder or a worktree's `.git` file) are off limits: an agent
 * rewriting hooks or refs there would escape the worktree in effect.
 */
export function resolveInsideWorkspace(root: string, requested: string): Result<string> {
  const refuse = (why: string, code: ErrorCode = 'PATH_OUTSIDE_ROOT') =>
    fail(code, `Refused path ${describe(requested)}: ${why}.`, { path: typeof requested === 'string' ? shownPath(requested) : requested });

  if (typeof requested !== 'string' || requested.trim() === '') return refuse('it is empty');
  if (requested.length > maxPathBytes) return refuse(`it is longer than ${maxPathBytes} characters`, 'PATH_TOO_LONG');
  const oddCharacter = findOddCharacter(requested);
  if (oddCharacter) return refuse(oddCharacter);
  if (requested.startsWith('~')) {
    return refuse('"~" is not expanded; give a path relative to the workspace root');
  }
  if (/^[\\/]{2}/.test(requested)) return refuse('network (UNC) and device paths are not allowed');
  if (process.platform !== 'win32' && /^[A-Za-z]:/.test(requested)) {
    return refuse('Windows drive paths do not exist here; give a path relative to the workspace root');
  }

  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return refuse(`the workspace root ${root} does not exist`);
  }
  const written = process.platform === 'win32' ? requested : requested.replace(/\\/g, '/');
  let lexical: string;
  if (isAbsolute(written)) {
    lexical = resolve(written);
    if (!isInsideOrEqual(resolve(root), lexical) && !isInsideOrEqual(realRoot, lexical)) {
      return refuse('it is an absolute path outside the workspace');
    }
    if (!isInsideOrEqual(realRoot, lexical)) lexical = join(realRoot, relative(resolve(root), lexical));
  } else {
    lexical = resolve(realRoot, written);
    if (!isInsideOrEqual(realRoot, lexical)) return refuse('".." leads outside the workspace');
  }
  if (touchesGitInternals(relative(realRoot, lexical))) return refuse(gitInternalsReason);

  const real = realpathFollowingDanglingLinks(lexical);
  if (real === undefined) return refuse('it goes through a symbolic link that loops (or too many links)', 'SYMLINK_LOOP');
  if (!isInsideOrEqual(realRoot, real)) return refuse('a symbolic link on the way points outside the workspace');
  if (touchesGitInternals(relative(realRoot, real))) return refuse(gitInternalsReason);
  return ok(real);
}

/** The path relative to the root with `/` separators, as tools show it (`.` for the root). */
export function displayPath(root: string, absolute: string): string {
  let realRoot = root;
  try {
    realRoot = realpathSync(root);
  } catch {
    // A vanished root still gets a readable answer; the operation itself will fail.
  }
  const rel = relative(realRoot, absolute);
  return rel === '' ? '.' : rel.split(sep).join('/');
}

const gitInternalsReason = "git's internal files (.git) cannot be read or changed with these tools; use git_status or git_diff";

/**
 * Any `.git` segment, compared without case (macOS and Windows folders ignore it), and with
 * the trailing dots and spaces Windows silently drops, plus its 8.3 short name.
 */
function touchesGitInternals(relativePath: string): boolean {
  return relativePath
    .split(/[\\/]+/)
    .some((segment) => /^\.git[. ]*$/i.test(segment) || (process.platform === 'win32' && /^git~\d+$/i.test(segment)));
}

/**
 * The reason a path contains characters no sensible file name needs: control characters
 * (NUL included), bidi overrides that make a name display as something else, lone UTF-16
 * surrogates, and U+FFFD, the trace of bytes that were not valid UTF-8 (overlong forms).
 */
function findOddCharacter(text: string): string | undefined {
  if (text.includes('\0')) return 'it contains a NUL byte';
  // eslint-disable-next-line no-control-regex
  if (/[\u0001-\u001f\u007f-\u009f]/.test(text)) return 'it contains control characters';
  if (/[\u202a-\u202e\u2066-\u2069\u200e\u200f]/.test(text)) return 'it contains bidirectional text controls';
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text)) {
    return 'it is not valid Unicode (lone surrogate)';
  }
  if (text.includes('\ufffd')) return 'it contains U+FFFD, a sign of badly encoded bytes';
  return undefined;
}

function describe(requested: unknown): string {
  return typeof requested === 'string' ? quotePath(requested) : String(requested);
}
