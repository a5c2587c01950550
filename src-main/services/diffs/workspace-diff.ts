import { fail, ok, type Result } from '../../../src-shared/contract';
import { summariseGitError } from '../git/run-git';
import { statEntry, WorktreeEntryLocator } from '../paths/worktree-entry';
import { resolveWorkspaceBase } from './merge-base';
import { defaultDiffLimits, type DiffFile, type DiffLimits, type DiffTotals, type DiffWorkspace, type WorkspaceDiff } from './diff-types';
import { plainDiffConfig, plainDiffFlags, runGitBytes } from './git-bytes';
import { pathBytesOf } from './path-bytes';
import { parseRawNumstat, RawRecordStream } from './raw-numstat-parser';
import { describeUntrackedFiles, listUntrackedNames } from './untracked-files';

export interface WorkspaceDiffOptions {
  limits?: Partial<DiffLimits>;
  /** Detect renames (default true). */
  renames?: boolean;
}

/**
 * Everything in a workspace that differs from where it started: commits since the
 * merge-base, staged, unstaged and untracked files, as one list with line counts.
 *
 * Three git processes: `ls-files --others` for untracked files (whose lines are counted
 * here) alongside the merge-base and then one `diff --raw --numstat` of the merge-base
 * against the working tree, which covers commits, the index and unstaged edits.
 */
export async function workspaceDiff(workspace: DiffWorkspace, options: WorkspaceDiffOptions = {}): Promise<Result<WorkspaceDiff>> {
  const limits: DiffLimits = { ...defaultDiffLimits, ...options.limits };
  // Untracked files do not depend on the merge-base: start on them at once.
  const untrackedFiles = listUntracked(workspace.path, limits);
  const base = await resolveWorkspaceBase(workspace);
  if (!base.ok) {
    await untrackedFiles;
    return base;
  }
  const diffArgs = [
    ...plainDiffConfig,
    'diff',
    ...plainDiffFlags,
    '--raw',
    '--numstat',
    '-z',
    '--no-abbrev',
    options.renames === false ? '--no-renames' : '-M',
    base.data.commit,
    '--',
  ];
  // Sizes are read while git is still counting lines: its raw records come out first.
  const sizes = new FileSizes(workspace.path);
  const records = new RawRecordStream((status, name) => {
    if (status !== 'D') sizes.request(name);
  });
  const [tracked, untracked] = await Promise.all([
    runGitBytes(workspace.path, diffArgs, { onStdout: (chunk) => records.push(chunk) }),
    untrackedFiles,
  ]);
  if (tracked.code !== 0) return fail('GIT_FAILED', `git diff failed: ${summariseGitError(tracked.stderr)}`);
  if (!untracked.ok) return fail('GIT_FAILED', `git ls-files failed: ${summariseGitError(untracked.stderr)}`);

  const trackedFiles = parseRawNumstat(tracked.stdout);
  for (const file of trackedFiles) {
    if (file.additions + file.deletions > limits.maxLines) file.tooLarge = true;
    if (file.status === 'deleted') continue;
    const size = sizes.request(pathBytesOf(file));
    if (size === null) continue; // Gone since git looked: the next refresh lists it as deleted.
    file.sizeBytes = size;
    if (size > limits.maxBytes) file.tooLarge = true;
  }
  const files = sortByPath([...trackedFiles, ...untracked.files]);
  return ok({ mergeBase: base.data.commit, baseSource: base.data.source, files, totals: totalsOf(files) });
}

async function listUntracked(root: string, limits: DiffLimits): Promise<{ ok: true; files: DiffFile[] } | { ok: false; stderr: string }> {
  const listed = await listUntrackedNames(root);
  if (!listed.ok) return listed;
  return { ok: true, files: await describeUntrackedFiles(root, listed.names, limits) };
}

/**
 * Working-tree sizes by raw name, each read once. Synchronous on purpose: a couple of
 * microseconds each, done in slices as git's output arrives, where the thread-pool round
 * trip of the async call costs several times that for thousands of files. Names are located
 * through real folders only (each folder judged once), so a size never comes from outside.
 */
class FileSizes {
  private readonly sizes = new Map<string, number | null>();
  private readonly locator: WorktreeEntryLocator;

  constructor(root: string) {
    this.locator = new WorktreeEntryLocator(root);
  }

  request(name: Buffer): number | null {
    const key = name.toString('latin1');
    let size = this.sizes.get(key);
    if (size === undefined) {
      const entry = this.locator.locate(name);
      const stats = entry.ok ? statEntry(entry.data) : entry;
      size = stats.ok ? (stats.data?.size ?? null) : null;
      this.sizes.set(key, size);
    }
    return size;
  }
}

export function totalsOf(files: readonly DiffFile[]): DiffTotals {
  let additions = 0;
  let deletions = 0;
  for (const file of files) {
    additions += file.additions;
    deletions += file.deletions;
  }
  return { files: files.length, additions, deletions };
}

/** Git's order: by raw bytes of the name, so the list never jumps between refreshes. */
function sortByPath(files: DiffFile[]): DiffFile[] {
  return files
    .map((file) => ({ file, key: pathBytesOf(file) }))
    .sort((a, b) => Buffer.compare(a.key, b.key))
    .map(({ file }) => file);
}
