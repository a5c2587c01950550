import { formatFilePatch, hunksOf, readFileDiff, shownContext, type DiffFile, type WorkspaceDiff } from '../diffs';

/** Characters of patches the reviewer's prompt carries (about 12k tokens); the rest it reads with its tools. */
export const defaultDiffBudgetChars = 48_000;

const statusLetters: Record<DiffFile['status'], string> = { added: 'A', modified: 'M', deleted: 'D', renamed: 'R', copied: 'C', typechange: 'T', untracked: 'A' };

/**
 * The reviewed workspace's diff against the merge-base, bounded for a prompt: first the stat
 * of every changed file, then each file's patch (three lines of context, as DiffLens shows it)
 * in the list's order while the budget lasts. Files left out (binary, too large, over the budget)
 * are named with how to read them.
 */
export async function reviewDiffDigest(workspace: { path: string }, diff: WorkspaceDiff, budgetChars = defaultDiffBudgetChars): Promise<string> {
  const lines = [`Changed files against the merge-base ${diff.mergeBase} (${diff.totals.files} files, +${diff.totals.additions} −${diff.totals.deletions}):`];
  for (const file of diff.files) lines.push(`${statusLetters[file.status]} ${file.oldPath && file.oldPath !== file.path ? `${file.oldPath} → ` : ''}${file.path} (${file.binary ? 'binary' : `+${file.additions} −${file.deletions}`})`);
  if (diff.files.length === 0) lines.push('(no changes)');

  const patches: string[] = [];
  const omitted: string[] = [];
  let left = budgetChars;
  for (const file of diff.files) {
    if (file.binary || file.tooLarge) {
      omitted.push(`${file.path} (${file.binary ? 'binary' : 'too large to show'})`);
      continue;
    }
    const read = await readFileDiff(workspace, diff.mergeBase, file, { context: shownContext, untracked: file.status === 'untracked' });
    if (!read.ok) {
      omitted.push(`${file.path} (not readable: ${read.error.message})`);
      continue;
    }
    const patch = formatFilePatch(read.data, hunksOf(read.data));
    if (patch.length > left) {
      omitted.push(`${file.path} (over the prompt's budget)`);
      continue;
    }
    left -= patch.length;
    patches.push(patch);
  }
  if (patches.length > 0) {
    // A fence longer than any run of backticks in the patches, so none of them ends it early.
    const fence = '`'.repeat(Math.max(3, ...patches.flatMap((patch) => (patch.match(/`+/g) ?? []).map((run) => run.length + 1))));
    lines.push('', `${fence}diff`, ...patches.map((patch) => patch.replace(/\n$/, '')), fence);
  }
  if (omitted.length > 0) {
    lines.push(
      '',
      `Not shown here: ${omitted.join('; ')}. Read them with read_file, or with run_command: \`git diff ${diff.mergeBase} -- <path>\` (git_diff shows only uncommitted changes).`,
    );
  }
  return lines.join('\n');
}
