import { fail, ok, type Result } from '../../../src-shared/contract';
import { commitTree, readCommit, scratchCommit } from './commit-objects';
import { treeOf } from '../git/git-step';
import type { MergeInputs } from './merge-inputs';
import { mergeTrees, type MergeTreeConflict, type MergeTreeResult } from './merge-tree';
import { pickHunks } from './hunk-pick';
import { editTree, readTreeEntries, type TreeEdit } from './tree-edits';

/** Where a merge stands before anything lands: a commit ready to land, or conflicts to resolve. */
export type EngineStep =
  | { kind: 'ready'; newCommit: string; landed: string[] }
  | { kind: 'conflicts'; pending: PendingStep };

/** A conflict waiting for the user: the merge-tree answer, and for rebase how far the replay got. */
export interface PendingStep {
  mergeTree: MergeTreeResult;
  /** The conflicts the user must resolve (for a selective merge: only the chosen files'). */
  conflicts: MergeTreeConflict[];
  rebase: { tip: string; landed: string[]; index: number } | null;
}

const nothingToMerge = () => fail('NOTHING_TO_MERGE', 'The base branch already has every change from this workspace.');

/** Computes the commit the strategy produces, without moving any ref. */
export async function startMerge(inputs: MergeInputs): Promise<Result<EngineStep>> {
  if (inputs.commits.length === 0) return nothingToMerge();
  if (inputs.options.strategy === 'rebase' && !inputs.selection) {
    if (inputs.commits.some((commit) => commit.parents.length !== 1)) {
      return fail('UNSUPPORTED', 'The workspace history contains merge commits; merge or squash it instead of rebasing.');
    }
    return replayFrom(inputs, inputs.targetCommit, [], 0);
  }
  const mergeTree = await mergeTrees(inputs.repo, inputs.targetCommit, inputs.theirs);
  const selection = inputs.selection;
  // Files taken hunk by hunk are merged on their own in finishTree (and refused if they conflict).
  const hunkPaths = new Set((inputs.options.hunks ?? []).map((pick) => pick.path));
  const conflicts = selection ? mergeTree.conflicts.filter((conflict) => selection.includes(conflict.path) && !hunkPaths.has(conflict.path)) : mergeTree.conflicts;
  if (conflicts.length > 0) return ok({ kind: 'conflicts', pending: { mergeTree, conflicts, rebase: null } });
  return finishTree(inputs, mergeTree.tree);
}

/** Continues after the user resolved the pending step's conflicts into `resolvedTree`. */
export async function continueMerge(inputs: MergeInputs, pending: PendingStep, resolvedTree: string): Promise<Result<EngineStep>> {
  if (!pending.rebase) return finishTree(inputs, resolvedTree);
  const { tip, landed, index } = pending.rebase;
  const replayed = await commitReplay(inputs, index, tip, resolvedTree);
  return replayFrom(inputs, replayed ?? tip, replayed ? [...landed, replayed] : landed, index + 1);
}

/** Turns a merged tree into the strategy's commit on top of the target. */
async function finishTree(inputs: MergeInputs, mergedTree: string): Promise<Result<EngineStep>> {
  const { repo, targetCommit, targetTree, options } = inputs;
  let tree = mergedTree;
  if (inputs.selection) {
    // The target's tree with only the chosen paths taken from the merged result (deletions
    // too); files chosen hunk by hunk get the target's version with just those hunks merged in.
    const picks = new Map((options.hunks ?? []).map((pick) => [pick.path, pick]));
    const entries = await readTreeEntries(repo, mergedTree, inputs.selection);
    const edits: TreeEdit[] = [];
    for (const path of inputs.selection) {
      const pick = picks.get(path);
      if (pick) {
        const picked = await pickHunks(repo, inputs.mergeBase, inputs.theirs, targetTree, pick);
        if (!picked.ok) return picked;
        edits.push(picked.data);
        continue;
      }
      const entry = entries.get(path);
      edits.push(entry ? { path, mode: entry.mode, oid: entry.oid } : { path, oid: null });
    }
    tree = await editTree(repo, targetTree, edits);
  }
  const isMergeCommit = options.strategy === 'merge' && !inputs.selection;
  if (tree === targetTree && !isMergeCommit) return nothingToMerge();
  const parents = isMergeCommit ? [targetCommit, inputs.theirs] : [targetCommit];
  const newCommit = await commitTree(repo, { tree, parents, message: messageFor(inputs) });
  return ok({ kind: 'ready', newCommit, landed: [newCommit] });
}

/**
 * Replays the workspace's commits one by one onto `tip`, keeping author and message: each
 * is a three-way merge of the commit onto the tip with the commit's parent as the base.
 */
async function replayFrom(inputs: MergeInputs, tip: string, landed: string[], index: number): Promise<Result<EngineStep>> {
  const { repo, commits } = inputs;
  for (let i = index; i < commits.length; i++) {
    const commit = commits[i];
    const parent = commit?.parents[0];
    if (!commit || !parent) return fail('UNSUPPORTED', 'A commit without a parent cannot be replayed.');
    if (parent === tip) {
      // Already on top of the tip: keep the commit itself, as git rebase does.
      tip = commit.sha;
      landed = [...landed, commit.sha];
      continue;
    }
    // merge-tree (git 2.39) has no --merge-base: two scratch commits whose only common
    // ancestor is the parent make it compute exactly the cherry-pick's three-way merge.
    const [ours, theirs] = await Promise.all([
      treeOf(repo, tip).then((tree) => scratchCommit(repo, tree, [parent])),
      treeOf(repo, commit.sha).then((tree) => scratchCommit(repo, tree, [parent])),
    ]);
    const mergeTree = await mergeTrees(repo, ours, theirs);
    if (!mergeTree.clean) {
      return ok({ kind: 'conflicts', pending: { mergeTree, conflicts: mergeTree.conflicts, rebase: { tip, landed, index: i } } });
    }
    const replayed = await commitReplay(inputs, i, tip, mergeTree.tree);
    if (replayed) {
      tip = replayed;
      landed = [...landed, replayed];
    }
  }
  if (landed.length === 0) return nothingToMerge();
  return ok({ kind: 'ready', newCommit: tip, landed });
}

/** The replayed commit, or null when its changes are already on the tip (dropped, as rebase does). */
async function commitReplay(inputs: MergeInputs, index: number, tip: string, tree: string): Promise<string | null> {
  const original = inputs.commits[index];
  if (!original) return null;
  if (tree === (await treeOf(inputs.repo, tip))) return null;
  const details = await readCommit(inputs.repo, original.sha);
  return commitTree(inputs.repo, { tree, parents: [tip], message: details.message, author: details.author });
}

/** The user's message, or a sensible default for the strategy. */
export function messageFor(inputs: MergeInputs): string {
  const given = inputs.options.message?.trim();
  if (given) return `${given}\n`;
  const { workspace, commits, selection } = inputs;
  if (selection) {
    const partial = new Map((inputs.options.hunks ?? []).map((pick) => [pick.path, pick.hunks.length]));
    const files = selection.map((path) => (partial.has(path) ? `* ${path} (${partial.get(path)} hunk${partial.get(path) === 1 ? '' : 's'})` : `* ${path}`)).join('\n');
    return `Take ${selection.length} file${selection.length === 1 ? '' : 's'} from ${workspace.branch}\n\n${files}\n`;
  }
  if (inputs.options.strategy === 'merge') return `Merge branch '${workspace.branch}' into ${workspace.baseBranch}\n`;
  const only = commits.length === 1 ? commits[0] : undefined;
  if (only) return `${only.subject}\n`;
  const list = commits.map((commit) => `* ${commit.subject}`).join('\n');
  return `Squashed ${commits.length} commits from ${workspace.branch}\n\n${list}\n`;
}
