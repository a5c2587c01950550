import { statSync } from 'node:fs';
import { fail, ok, type Result } from '../../../src-shared/contract';
import { resolveInsideWorkspace } from '../paths/confine-path';

/** Where a command terminal may run: the worktree, or a folder inside it (never `.git`, never through a link out). */
export function confineTerminalCwd(worktree: string, requested: string | undefined): Result<string> {
  if (requested === undefined) return ok(worktree);
  const resolved = resolveInsideWorkspace(worktree, requested);
  if (!resolved.ok) return resolved;
  try {
    if (!statSync(resolved.data).isDirectory()) return fail('NOT_A_DIRECTORY', `${requested} is not a folder.`);
  } catch {
    return fail('PATH_NOT_FOUND', `${requested} does not exist in the worktree.`);
  }
  return resolved;
}

/** A command line as a user would type it, for the terminal's tab and list (never run). */
export function describeCommand(argv: readonly string[]): string {
  return argv.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`)).join(' ');
}

/**
 * The end of `text` in at most `byteLimit` UTF-8 bytes, cut at a character boundary (ACP's
 * `outputByteLimit` keeps the newest output). No limit: all of it.
 */
export function tailWithinBytes(text: string, byteLimit: number | undefined): { text: string; truncated: boolean } {
  if (byteLimit === undefined) return { text, truncated: false };
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= byteLimit) return { text, truncated: false };
  let start = bytes.length - Math.max(0, Math.floor(byteLimit));
  // Continuation bytes (10xxxxxx) belong to the character before: start after them.
  while (start < bytes.length && (bytes[start]! & 0xc0) === 0x80) start++;
  return { text: bytes.subarray(start).toString('utf8'), truncated: true };
}
