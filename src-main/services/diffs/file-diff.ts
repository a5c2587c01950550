import { fail, ok, type Result } from '../../../src-shared/contract';
import { summariseGitError } from '../git/run-git';
import { checkEntryName, locateWorktreeEntry } from '../paths/worktree-entry';
import { readBlobAt, type BlobRead } from './blob-reader';
import { defaultDiffLimits, type DiffFileRef, type DiffLimits, type DiffWorkspace, type FileDiff } from './diff-types';
import { languageOf } from './file-language';
import { hunkId } from './hunk';
import { plainDiffConfig, plainDiffFlags, runGitBytes } from './git-bytes';
import { resolveWorkspaceBase } from './merge-base';
import { resolveFileRef, type ResolvedFileRef } from './path-bytes';
import { parseRawNumstat } from './raw-numstat-parser';
import { hunksOf, pathspecsOf, readFileDiff, shownContext } from './read-file-diff';
import { additionPatch, type FilePatch } from './unified-diff';
import { binarySniffBytes } from './untracked-files';
import { readWorkingFile, type WorkingFileRead } from './working-file';

export interface FileDiffOptions {
  /** Unchanged lines around each change (default `shownContext`, 3: what every hunk action is named by). */
  contextLines?: number;
  limits?: Partial<DiffLimits>;
}

/**
 * One file's changes since the workspace's merge-base, as hunks plus both full texts for a
 * side-by-side editor. Pass the list entry (or at least `oldPath` for a rename) so both names
 * are compared. Files over the limits are reported as `tooLarge` without being read or diffed.
 */
export async function fileDiff(workspace: DiffWorkspace, file: DiffFileRef, options: FileDiffOptions = {}): Promise<Result<FileDiff>> {
  const limits: DiffLimits = { ...defaultDiffLimits, ...options.limits };
  const ref = resolveFileRef(file);
  for (const name of [ref.bytes, ...(ref.oldBytes ? [ref.oldBytes] : [])]) {
    const valid = checkEntryName(name);
    if (!valid.ok) return valid;
  }
  const base = await resolveWorkspaceBase(workspace);
  if (!base.ok) return base;
  // Confined before anything is read. Below a link that leads out of the worktree (or loops)
  // nothing is read: as git sees it, nothing is there. Such a name is refused unless git has
  // it (a tracked file whose folder became that link shows as deleted). The name itself
  // passed above, so these two codes can only come from a link on the way.
  const entry = locateWorktreeEntry(workspace.path, ref.bytes);
  const linkRefusal = !entry.ok && (entry.error.code === 'PATH_OUTSIDE_ROOT' || entry.error.code === 'SYMLINK_LOOP') ? entry : undefined;
  if (!entry.ok && !linkRefusal) return entry;
  const [oldSide, working] = await Promise.all([
    readBlobAt(workspace.path, base.data.commit, ref.oldBytes ?? ref.bytes, limits.maxBytes),
    entry.ok ? readWorkingFile(entry.data, limits.maxBytes) : ok<WorkingFileRead>({ kind: 'missing' }),
  ]);
  if (!working.ok) return working;
  const newSide = working.data;
  if (oldSide.kind === 'failed') return fail('GIT_FAILED', `git cat-file failed: ${oldSide.message}`);
  const result: FileDiff = { ...ref.path, ...oldNameOf(ref), status: 'modified', language: languageOf(ref.path.path), binary: false, hunks: [] };

  if (oldSide.kind === 'tooLarge' || newSide.kind === 'tooLarge') {
    const status = await statusWithoutContent(workspace.path, base.data.commit, ref);
    if (!status.ok) return status;
    result.status = status.data ?? (oldSide.kind === 'missing' ? 'untracked' : 'unchanged');
    result.tooLarge = { bytes: Math.max(sizeOf(oldSide), sizeOf(newSide)) };
    return ok(result);
  }

  const patches = await readFileDiff(workspace, base.data.commit, file, { context: options.contextLines ?? shownContext });
  if (!patches.ok) return patches;
  const sections = patches.data;
  if (linkRefusal && oldSide.kind === 'missing' && sections.length === 0) return linkRefusal;

  const oldContent = oldSide.kind === 'blob' ? oldSide.content : null;
  const newContent = newSide.kind === 'content' ? newSide.content : null;
  result.binary = sections.some((section) => section.binary) || isBinary(oldContent) || isBinary(newContent);

  if (sections.length === 0) {
    if (oldSide.kind === 'missing' && newSide.kind === 'content') {
      // Untracked: git's diff does not see it; its hunk is built the way the actions build it.
      result.status = 'untracked';
      result.newMode = newSide.mode;
      if (!result.binary) result.hunks = additionPatch(ref.path.path, newSide.content, { mode: newSide.mode }).hunks;
    } else result.status = 'unchanged';
  } else {
    Object.assign(result, statusOf(sections));
    if (!result.binary) result.hunks = hunksOf(sections);
  }

  const changedLines = result.hunks.reduce((sum, hunk) => sum + hunk.lines.length, 0);
  if (changedLines > limits.maxLines) {
    result.hunks = [];
    result.tooLarge = { bytes: Math.max(oldContent?.length ?? 0, newContent?.length ?? 0) };
    return ok(result);
  }
  // Named for the actions: they act only on a hunk the file still has exactly.
  if (result.hunks.length > 0) result.hunkIds = result.hunks.map(hunkId);
  if (!result.binary) {
    result.oldText = oldContent ? oldContent.toString('utf8') : '';
    result.newText = newContent ? newContent.toString('utf8') : '';
  }
  return ok(result);
}

function oldNameOf(ref: ResolvedFileRef): Partial<FileDiff> {
  if (!ref.oldPath) return {};
  return ref.oldPath.pathBytes ? { oldPath: ref.oldPath.path, oldPathBytes: ref.oldPath.pathBytes } : { oldPath: ref.oldPath.path };
}

function statusOf(sections: FilePatch[]): Pick<FileDiff, 'status' | 'oldMode' | 'newMode'> {
  const first = sections[0]!;
  const last = sections[sections.length - 1]!;
  const modes = { oldMode: first.oldMode, newMode: last.newMode };
  // Git prints a file ↔ symlink change as a deletion followed by an addition.
  if (sections.length > 1 || (first.oldMode && first.newMode && first.oldMode.slice(0, 2) !== first.newMode.slice(0, 2))) {
    return { status: 'typechange', ...modes };
  }
  if (first.renamed) return { status: 'renamed', ...modes };
  if (first.newFile) return { status: 'added', ...modes };
  if (first.deletedFile) return { status: 'deleted', ...modes };
  return { status: 'modified', ...modes };
}

/** Status of a file too large to diff: the raw listing only compares object ids. */
async function statusWithoutContent(cwd: string, mergeBase: string, ref: ResolvedFileRef): Promise<Result<FileDiff['status'] | null>> {
  const raw = await runGitBytes(cwd, [
    ...plainDiffConfig,
    'diff',
    ...plainDiffFlags,
    '--raw',
    '-z',
    ref.oldBytes ? '-M' : '--no-renames',
    mergeBase,
    '--',
    ...pathspecsOf(ref).map((spec) => spec.pathspec),
  ]);
  if (raw.code !== 0) return fail('GIT_FAILED', `git diff failed: ${summariseGitError(raw.stderr)}`);
  const entry = parseRawNumstat(raw.stdout).find((candidate) => candidate.path === ref.path.path);
  return ok(entry?.status ?? null);
}

function sizeOf(side: BlobRead | WorkingFileRead): number {
  if (side.kind === 'tooLarge') return side.bytes;
  if (side.kind === 'blob' || side.kind === 'content') return side.content.length;
  return 0;
}

const isBinary = (content: Buffer | null) => content !== null && content.subarray(0, binarySniffBytes).includes(0);
