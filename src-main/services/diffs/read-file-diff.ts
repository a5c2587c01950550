import { fail, ok, type Result } from '../../../src-shared/contract';
import { summariseGitError } from '../git/run-git';
import type { DiffFileRef } from './diff-types';
import { plainDiffConfig, plainDiffFlags, runGitBytes } from './git-bytes';
import { exactPathspec, resolveFileRef, type ResolvedFileRef } from './path-bytes';
import { parseUnifiedDiff, type FilePatch } from './unified-diff';
import { untrackedPatch } from './untracked-patch';

/** The context DiffLens shows hunks with, and so the hunks every action is named by. */
export const shownContext = 3;

export interface ReadFileDiffOptions {
  /** Unchanged lines around each change: `shownContext` as DiffLens shows them, 0 to split changes finest. */
  context: number;
  /** A commit to compare `from` with; the working tree when left out. */
  to?: string;
  /**
   * The file is untracked: it is diffed against nothing from a confined read of the working
   * tree (git's diff does not see it, and `--no-index` would follow links).
   */
  untracked?: boolean;
}

/**
 * The one diff of a single file: from a commit to the working tree (or to another commit),
 * with one set of flags whatever the user's git config (no external tools, no text
 * conversion, no colour, fixed prefixes, full object ids), parsed by the one parser. A file
 * reference with `oldPath` compares both names (a rename); a name that is not UTF-8 travels as
 * bytes. The sections of the file in order (usually one; none when it does not differ).
 *
 * DiffLens's file diff, accept and revert, hunk picks and provenance all read a file's hunks
 * here, so what the screen shows is what they act on.
 */
export async function readFileDiff(where: { path: string }, from: string, file: DiffFileRef, options: ReadFileDiffOptions): Promise<Result<FilePatch[]>> {
  const ref = resolveFileRef(file);
  if (options.untracked) {
    const patch = untrackedPatch(where.path, ref.path.path);
    return patch.ok ? ok(patch.data ? [patch.data] : []) : patch;
  }
  const pathspecs = pathspecsOf(ref);
  const diff = await runGitBytes(where.path, [
    ...plainDiffConfig,
    'diff',
    ...plainDiffFlags,
    '-p',
    '--full-index',
    `-U${Math.max(0, Math.floor(options.context))}`,
    ref.oldBytes ? '-M' : '--no-renames',
    from,
    ...(options.to ? [options.to] : []),
    '--',
    ...pathspecs.map((spec) => spec.pathspec),
  ]);
  if (diff.code !== 0) return fail('GIT_FAILED', `Could not read the changes to ${ref.path.path}: ${summariseGitError(diff.stderr)}`);
  const patches = parseUnifiedDiff(diff.stdout);
  // A glob pathspec (for a name that is not UTF-8) may match neighbours: keep this file's sections.
  return ok(pathspecs.every((spec) => spec.exact) ? patches : patches.filter((patch) => belongsTo(patch, ref)));
}

/** Every hunk of a file's sections, in order: what DiffLens lists. */
export const hunksOf = (patches: readonly FilePatch[]) => patches.flatMap((patch) => patch.hunks);

export function pathspecsOf(ref: ResolvedFileRef) {
  return [exactPathspec(ref.bytes), ...(ref.oldBytes ? [exactPathspec(ref.oldBytes)] : [])];
}

function belongsTo(patch: FilePatch, ref: ResolvedFileRef): boolean {
  return [ref.bytes, ref.oldBytes].some((name) => name && endsWith(patch.headerLine, Buffer.concat([Buffer.from(' b/'), name])));
}

const endsWith = (haystack: Buffer, needle: Buffer) =>
  haystack.length >= needle.length && haystack.subarray(haystack.length - needle.length).equals(needle);
