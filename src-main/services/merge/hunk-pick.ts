import { fail, ok, type MethodArgs, type Result } from '../../../src-shared/contract';
import { withTempIndex } from '../git/temporary-index-file';
import { runGitBytes } from '../git/run-git';
import { gitText } from '../git/git-step';
import { sameRange } from '../diffs/hunk';
import { hunksOf, readFileDiff, shownContext } from '../diffs/read-file-diff';
import { formatFilePatch } from '../diffs/unified-diff';
import { scratchCommit } from './commit-objects';
import { mergeTrees } from './merge-tree';
import { readTreeEntries, type TreeEdit } from './tree-edits';

/** Some hunks of one modified file, named as the review shows them (merge-base → workspace, 3 lines of context). */
export type HunkPick = NonNullable<MethodArgs<'merge.preview'>['hunks']>[number];

/**
 * The tree edit that brings only the chosen hunks of a file into the target: the merge-base
 * version with just those hunks applied (`git apply --cached` in a private index), then a
 * real three-way merge of that partial version with the target's (`merge-tree` over two
 * scratch commits that differ from the merge-base only in this file). Refuses with
 * HUNK_CHANGED when the file's diff no longer has a chosen hunk, and with
 * MERGE_CONFLICTS_UNRESOLVED when the chosen hunks collide with the target's own changes.
 */
export async function pickHunks(repo: string, mergeBase: string, theirs: string, targetTree: string, pick: HunkPick): Promise<Result<TreeEdit>> {
  // The file's diff read as DiffLens reads it (same function, flags and context), here between two commits.
  const diff = await readFileDiff({ path: repo }, mergeBase, pick.path, { to: theirs, context: shownContext });
  if (!diff.ok) return fail('GIT_FAILED', `Could not read the changes of ${pick.path}.`);
  const hunks = hunksOf(diff.data);
  if (diff.data.length === 0 || diff.data.some((patch) => patch.binary)) return fail('INVALID_INPUT', `${pick.path} has no text hunks to choose from; pick the whole file.`);
  const chosen = pick.hunks.map((range) => hunks.find((hunk) => sameRange(hunk, range)));
  if (chosen.some((hunk) => hunk === undefined) || chosen.length === 0) {
    return fail('HUNK_CHANGED', `The changes of ${pick.path} are not what the preview showed any more; preview the merge again.`, { path: pick.path });
  }
  const ordered = hunks.filter((hunk) => chosen.includes(hunk));

  const partialTree = await withTempIndex(async (env) => {
    await gitText(repo, ['read-tree', mergeBase], { env });
    const applied = await runGitBytes(repo, ['apply', '--cached', '--whitespace=nowarn', '-'], { env, input: formatFilePatch(diff.data, ordered) });
    if (applied.code !== 0) return null;
    return gitText(repo, ['write-tree'], { env });
  });
  if (!partialTree) return fail('HUNK_CHANGED', `The chosen hunks of ${pick.path} could not be applied on their own; pick the whole file.`, { path: pick.path });

  const [partial, targetSide] = await Promise.all([scratchCommit(repo, partialTree, [mergeBase]), scratchCommit(repo, targetTree, [mergeBase])]);
  const merged = await mergeTrees(repo, targetSide, partial);
  if (merged.conflicts.some((conflict) => conflict.path === pick.path)) {
    return fail(
      'MERGE_CONFLICTS_UNRESOLVED',
      `The chosen hunks of ${pick.path} conflict with changes on the base branch; merge the whole file to resolve the conflict in the three-way view.`,
      { files: [pick.path] },
    );
  }
  const entry = (await readTreeEntries(repo, merged.tree, [pick.path])).get(pick.path);
  return ok(entry ? { path: pick.path, mode: entry.mode, oid: entry.oid } : { path: pick.path, oid: null });
}
