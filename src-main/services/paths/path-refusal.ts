import { fail, type ErrorCode, type Fail } from '../../../src-shared/contract';

/** Linux's PATH_MAX and NAME_MAX (macOS has 1024 and 255): longer requests are refused before the disk is asked. */
export const maxPathBytes = 4096;
export const maxNameBytes = 255;

const shownLength = 200;

/**
 * A path as a message names it: quoted, and cut in the middle when huge (the start says
 * where, the end which file), so a 100 KB path cannot flood the UI or a log.
 */
export function quotePath(path: string | Buffer): string {
  const text = typeof path === 'string' ? path : path.toString('utf8');
  const shown = text.length > shownLength ? `${text.slice(0, shownLength - 60)}…${text.slice(-59)}` : text;
  return JSON.stringify(shown);
}

/** The same, unquoted: for `details`. */
export function shownPath(path: string | Buffer): string {
  return JSON.parse(quotePath(path)) as string;
}

/** The refusal for a path that is lexically fine but longer than the file system takes. */
export function pathTooLong(path: string | Buffer, why: string): Fail {
  return fail('PATH_TOO_LONG', `The path ${quotePath(path)} is too long: ${why}.`, { path: shownPath(path) });
}

const refusals: Record<string, { code: ErrorCode; says: (path: string) => string }> = {
  ENAMETOOLONG: { code: 'PATH_TOO_LONG', says: (path) => `The path ${path} is too long for the file system.` },
  ELOOP: { code: 'SYMLINK_LOOP', says: (path) => `The path ${path} goes through a symbolic link that loops (or a chain of links too deep to follow).` },
  EACCES: { code: 'PERMISSION_DENIED', says: (path) => `Permission denied for ${path}.` },
  EPERM: { code: 'PERMISSION_DENIED', says: (path) => `The operation on ${path} is not permitted.` },
  ENOENT: { code: 'PATH_NOT_FOUND', says: (path) => `${path} does not exist.` },
  ENOTDIR: { code: 'NOT_A_DIRECTORY', says: (path) => `A part of ${path} is a file, not a folder.` },
  EISDIR: { code: 'FILE_SYSTEM_ERROR', says: (path) => `${path} is a folder, not a file.` },
  ENOSPC: { code: 'FILE_SYSTEM_ERROR', says: (path) => `The disk is full (writing ${path}).` },
  EROFS: { code: 'FILE_SYSTEM_ERROR', says: (path) => `The file system holding ${path} is read-only.` },
};

/**
 * The expected failure for a file-system error (Node's errno errors from `fs` calls), naming
 * `path` (what the caller asked for) or else the error's own path. Anything else (a bug, a
 * spawn or network error) gives undefined and stays an exception. The one place errno codes
 * become contract codes: the confined worktree reads use it, and so does dispatch for
 * whatever escapes a handler.
 */
export function fileSystemRefusal(error: unknown, path?: string | Buffer): Fail | undefined {
  if (!isFileSystemError(error) || (path === undefined && error.path === undefined)) return undefined;
  const named = path ?? error.path ?? error.dest ?? 'a path';
  const shown = quotePath(named);
  const known = refusals[error.code];
  const details = { path: shownPath(named), errno: error.code };
  if (known) return fail(known.code, known.says(shown), details);
  return fail('FILE_SYSTEM_ERROR', `The file system refused ${error.syscall} on ${shown} (${error.code}).`, details);
}

interface FileSystemError {
  code: string;
  syscall: string;
  path?: string | Buffer;
  dest?: string | Buffer;
}

/**
 * Node's system errors carry an errno code and a syscall (`fs` ones also the path, unless
 * the call took a file descriptor); spawn errors look alike but are not file access.
 */
function isFileSystemError(error: unknown): error is FileSystemError {
  if (typeof error !== 'object' || error === null) return false;
  const { code, syscall } = error as Partial<FileSystemError>;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) && typeof syscall === 'string' && !syscall.startsWith('spawn');
}

