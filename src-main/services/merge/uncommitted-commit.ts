import { fail, ok, type Result } from '../../../src-shared/contract';
import { commitTree, readCommit } from './commit-objects';
import { tryRevParse } from '../git/git-step';
import type { WorkspaceSnapshot } from '../workspaces/worktree-snapshot';

/** The message of the commit that carries a workspace's uncommitted files onto its branch. */
export const uncommittedMessage = (branch: string) => `Uncommitted changes from ${branch}\n`;

/**
 * The commit of the workspace's uncommitted files (the snapshot's tree on top of the branch
 * head). A preview writes it as a loose object; the merge then passes its id back (`pinned`)
 * and reuses it as long as it still describes the folder (same parent, same tree, same
 * message), so the id the preview showed is the id that lands. A pin that no longer fits
 * means the folder changed since the preview: MERGE_OUTDATED, never a different commit.
 * Without a pin (`undefined`) the commit is made, or the one made before for the same parent,
 * tree and message is reused: a preview shown again (the dialog refreshes it as the radar and
 * the workspace move) names the same id, so no id the user saw is left out of what lands.
 */
export async function commitOfUncommitted(
  repo: string,
  branch: string,
  workspaceHead: string,
  snapshot: Pick<WorkspaceSnapshot, 'tree'>,
  pinned: string | null | undefined,
): Promise<Result<string>> {
  const message = uncommittedMessage(branch);
  if (pinned === undefined) return ok(await sameCommitForSameFiles(repo, workspaceHead, snapshot.tree, message));
  if (pinned === null) return outdated('The workspace has uncommitted files the preview did not include; preview the merge again.');
  // The id comes from the renderer: it must name a commit before anything reads it.
  const commit = await tryRevParse(repo, `${pinned}^{commit}`);
  if (commit !== pinned) return outdated('The previewed commit of uncommitted files does not exist any more; preview the merge again.');
  const details = await readCommit(repo, commit);
  if (details.parents.length !== 1 || details.parents[0] !== workspaceHead) {
    return fail('MERGE_OUTDATED', 'The workspace branch moved since the preview; preview the merge again.', { moved: 'workspace' });
  }
  if (details.tree !== snapshot.tree || details.message !== message) {
    return outdated('The workspace’s uncommitted files changed since the preview; preview the merge again.');
  }
  return ok(commit);
}

const outdated = (message: string) => fail('MERGE_OUTDATED', message, { moved: 'uncommitted' });

/** Commits made for uncommitted files, by parent, tree and message: the newest few hundred. */
const madeBefore = new Map<string, string>();
const rememberedCommits = 256;

async function sameCommitForSameFiles(repo: string, parent: string, tree: string, message: string): Promise<string> {
  const key = `${repo}\0${parent}\0${tree}\0${message}`;
  const known = madeBefore.get(key);
  // Still there (nothing pruned it): the same object, so the same id.
  if (known !== undefined && (await tryRevParse(repo, `${known}^{commit}`)) === known) return known;
  const made = await commitTree(repo, { tree, parents: [parent], message });
  madeBefore.delete(key);
  madeBefore.set(key, made);
  if (madeBefore.size > rememberedCommits) madeBefore.delete(madeBefore.keys().next().value as string);
  return made;
}
