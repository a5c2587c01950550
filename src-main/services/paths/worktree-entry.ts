import { lstatSync, realpathSync, type Stats } from 'node:fs';
import { fail, ok, type Fail, type Result } from '../../../src-shared/contract';
import { isInsideOrEqual } from './path-containment';
import { fileSystemRefusal, maxNameBytes, maxPathBytes, pathTooLong, quotePath, shownPath } from './path-refusal';

/**
 * A file of a worktree as git names it (the review's paths, git's listings). Git never
 * follows a symbolic link to a folder: a name below one (`link/secret.txt`) is not in the
 * working tree at all, and a link itself is its target text. So the host reaches an entry
 * through real folders only, and never follows the entry itself when it is a link.
 */
export type WorktreeEntry =
  /** Every folder on the way is a real folder (or missing): `absolute` is the entry itself, below the real root. */
  | { reachable: true; name: Buffer; realRoot: Buffer; absolute: Buffer }
  /** A symbolic link inside the worktree (or a dangling one) sits on the way: as git sees it, nothing is here. */
  | { reachable: false; name: Buffer; link: Buffer };

const slash = 0x2f;
const slashBytes = Buffer.from('/');

/**
 * An entry name checked, as bytes (less one trailing `/`: git lists a nested repository so),
 * or why it is refused: it must be relative, `/`-separated, with no empty, `.` or `..` part,
 * no NUL, nothing named `.git` (git refuses to track those too), and fit the file system's
 * limits. Scanned in place: listings check thousands of names.
 */
export function checkEntryName(name: string | Buffer): Result<Buffer> {
  const bytes = typeof name === 'string' ? Buffer.from(name, 'utf8') : name;
  if (bytes.length === 0) return refusal(bytes, 'it is empty');
  if (bytes.includes(0)) return refusal(bytes, 'it contains a NUL byte');
  if (bytes.length > maxPathBytes) return pathTooLong(bytes, `it is longer than ${maxPathBytes} bytes`);
  if (bytes[0] === slash) return refusal(bytes, 'give a path relative to the workspace root');
  const trimmed = bytes[bytes.length - 1] === slash ? bytes.subarray(0, -1) : bytes;
  for (let start = 0; start <= trimmed.length; ) {
    let end = trimmed.indexOf(slash, start);
    if (end === -1) end = trimmed.length;
    const length = end - start;
    const dots = trimmed[start] === dot;
    if (length === 0 || (dots && (length === 1 || (length === 2 && trimmed[start + 1] === dot)))) {
      return refusal(bytes, 'it has an empty, "." or ".." part');
    }
    if (dots && length === 4 && trimmed.toString('latin1', start, end).toLowerCase() === '.git') return refusal(bytes, 'git’s own files are off limits');
    if (length > maxNameBytes) return pathTooLong(bytes, `the name ${quotePath(trimmed.subarray(start, end))} is longer than ${maxNameBytes} bytes`);
    start = end + 1;
  }
  return ok(trimmed);
}

const dot = 0x2e;

/** Where `name` is in the worktree at `root`; see `WorktreeEntryLocator`. */
export function locateWorktreeEntry(root: string, name: string | Buffer): Result<WorktreeEntry> {
  return new WorktreeEntryLocator(root).locate(name);
}

/** What a folder on the way turned out to be. */
type FolderVerdict = 'folder' | 'absent' | { link: 'inside' | 'dangling' } | { refused: (name: Buffer, folder: Buffer) => Fail };

/**
 * Confines entry names to one worktree, as the agent's tools are confined: nothing is ever
 * read or changed through a symbolic link that leads outside (`PATH_OUTSIDE_ROOT`), loops
 * (`SYMLINK_LOOP`) or through a name too long (`PATH_TOO_LONG`); other file-system refusals
 * get their own codes (`fileSystemRefusal`). A link to a folder inside the worktree is not an
 * escape, but git does not follow it either, so what is below it is unreachable. Each
 * folder is judged once per locator: keep one for a whole listing.
 */
export class WorktreeEntryLocator {
  private realRoot: Result<Buffer> | undefined;
  private readonly folders = new Map<string, FolderVerdict>();

  constructor(private readonly root: string) {}

  locate(name: string | Buffer): Result<WorktreeEntry> {
    const checked = checkEntryName(name);
    if (!checked.ok) return checked;
    const realRoot = this.resolveRoot();
    if (!realRoot.ok) return realRoot;
    const bytes = checked.data;
    // Each folder on the way is a prefix of the name, up to one of its slashes.
    for (let end = bytes.indexOf(slash); end !== -1; end = bytes.indexOf(slash, end + 1)) {
      const folder = bytes.subarray(0, end);
      const verdict = this.judge(realRoot.data, folder);
      if (verdict === 'absent') break;
      if (verdict === 'folder') continue;
      if ('refused' in verdict) return verdict.refused(bytes, folder);
      return ok({ reachable: false, name: bytes, link: folder });
    }
    return ok({ reachable: true, name: bytes, realRoot: realRoot.data, absolute: Buffer.concat([realRoot.data, slashBytes, bytes]) });
  }

  private resolveRoot(): Result<Buffer> {
    if (!this.realRoot) {
      try {
        this.realRoot = ok(realpathSync.native(this.root, { encoding: 'buffer' }));
      } catch (error) {
        this.realRoot = fail('PATH_NOT_FOUND', `The workspace folder ${quotePath(this.root)} cannot be reached: ${(error as Error).message}`, {
          path: this.root,
        });
      }
    }
    return this.realRoot;
  }

  private judge(realRoot: Buffer, folder: Buffer): FolderVerdict {
    const key = folder.toString('latin1');
    let verdict = this.folders.get(key);
    if (verdict === undefined) {
      verdict = judgeFolder(realRoot, folder);
      this.folders.set(key, verdict);
    }
    return verdict;
  }
}

/** The entry's own status, a link not followed; undefined when nothing is there. */
export function statEntry(entry: WorktreeEntry): Result<Stats | undefined> {
  if (!entry.reachable) return ok(undefined);
  try {
    return ok(lstatSync(entry.absolute, { throwIfNoEntry: false }));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return ok(undefined);
    return refusedOrThrown(error, entry.name);
  }
}

/**
 * Whether every folder on the way to a reachable entry is still a real folder, asked of the
 * disk again (no cache): an agent's command may swap one for a link at any moment.
 */
export function foldersStillReal(entry: Extract<WorktreeEntry, { reachable: true }>): boolean {
  for (let end = entry.name.indexOf(slash); end !== -1; end = entry.name.indexOf(slash, end + 1)) {
    const folder = Buffer.concat([entry.realRoot, slashBytes, entry.name.subarray(0, end)]);
    try {
      if (!lstatSync(folder).isDirectory()) return false;
    } catch {
      return false;
    }
  }
  return true;
}

function judgeFolder(realRoot: Buffer, folder: Buffer): FolderVerdict {
  const absolute = Buffer.concat([realRoot, slashBytes, folder]);
  let stats: Stats | undefined;
  try {
    stats = lstatSync(absolute, { throwIfNoEntry: false });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return 'absent';
    const refused = refusedOrThrown(error, folder);
    return { refused: () => refused };
  }
  if (!stats) return 'absent';
  if (stats.isDirectory()) return 'folder';
  // A file where a folder would be: nothing can be below it.
  if (!stats.isSymbolicLink()) return 'absent';
  let real: Buffer;
  try {
    real = realpathSync.native(absolute, { encoding: 'buffer' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Dangling: never followed, so nothing is below it.
    if (code === 'ENOENT' || code === 'ENOTDIR') return { link: 'dangling' };
    if (code === 'ELOOP') {
      return { refused: (name, link) => fail('SYMLINK_LOOP', `Refused path ${quotePath(name)}: the symbolic link ${quotePath(link)} on the way loops.`, { path: shownPath(name), link: shownPath(link) }) };
    }
    const refused = refusedOrThrown(error, folder);
    return { refused: () => refused };
  }
  if (!isInsideOrEqual(realRoot.toString('latin1'), real.toString('latin1'))) {
    return { refused: (name, link) => refusal(name, `the symbolic link ${quotePath(link)} on the way points outside the workspace`, { link: shownPath(link) }) };
  }
  return { link: 'inside' };
}

function refusal(name: Buffer, why: string, details: Record<string, string> = {}): Fail {
  return fail('PATH_OUTSIDE_ROOT', `Refused path ${quotePath(name)}: ${why}.`, { path: shownPath(name), ...details });
}

function refusedOrThrown(error: unknown, name: Buffer): Fail {
  const refused = fileSystemRefusal(error, name);
  if (!refused) throw error;
  return refused;
}
