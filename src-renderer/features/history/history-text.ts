/** Sentences the history panel shows after a commit or a restore. */

export const shortSha = (sha: string) => sha.slice(0, 10);

const files = (count: number) => (count === 1 ? '1 file' : `${count} files`);

export function committedText(result: { sha: string; message: string; files: readonly unknown[] }): string {
  const subject = result.message.split('\n', 1)[0] ?? '';
  return `Committed ${shortSha(result.sha)} “${subject}” (${files(result.files.length)}).`;
}

/** Where the restore left things, including where the overwritten files went. */
export function restoredText(result: { turn: number; files: readonly unknown[]; backup: string | null }): string {
  if (result.files.length === 0) return `The files already matched turn ${result.turn}; nothing was changed.`;
  const restored = `Restored ${files(result.files.length)} to turn ${result.turn}.`;
  if (!result.backup) return restored;
  return `${restored} The files it replaced were kept as commit ${shortSha(result.backup)} (under refs/braid/restore-backups); \`git checkout ${shortSha(result.backup)} -- <file>\` brings one back.`;
}

/** "2 ahead, 1 behind main" */
export function aheadBehindText(log: { ahead: number; behind: number; baseBranch: string }): string {
  const ahead = log.ahead === 1 ? '1 commit ahead of' : `${log.ahead} commits ahead of`;
  return log.behind === 0 ? `${ahead} ${log.baseBranch}` : `${ahead} ${log.baseBranch}, ${log.behind} behind`;
}

interface MergedInto {
  targetBranch: string;
  newCommit: string;
  mergedAt: number;
  strategy: string;
  selective: boolean;
}

const mergedInto = (log: { baseBranch: string }, merged: MergedInto | null): MergedInto | null =>
  merged && merged.targetBranch === log.baseBranch ? merged : null;

/** "Merged into main at <time> (abc1234)": the line above the branch's commits once it was merged. */
export function mergedLineText(log: { baseBranch: string }, merged: MergedInto | null, formatTime: (ms: number) => string): string | null {
  const into = mergedInto(log, merged);
  if (!into) return null;
  const how = into.selective ? ', selected files' : into.strategy === 'squash' ? ', squashed' : '';
  return `Merged into ${into.targetBranch} at ${formatTime(into.mergedAt)} (${shortSha(into.newCommit)}${how}).`;
}

/**
 * The history with no commits since the base. After a merge the branch's commits are in the
 * base, so that is what it says, rather than "no commits yet", which reads as lost work.
 */
export function noCommitsText(log: { branch: string; baseBranch: string }, merged: MergedInto | null, formatTime: (ms: number) => string): string {
  const into = mergedInto(log, merged);
  if (!into) return `No commits on ${log.branch} since ${log.baseBranch} yet.`;
  return `Merged into ${into.targetBranch} at ${formatTime(into.mergedAt)} (${shortSha(into.newCommit)}); no new commits on ${log.branch} since.`;
}

/** The files a forced restore would overwrite, from `CHECKPOINT_HAS_NEWER_CHANGES` details. */
export function newerChangedFiles(details: unknown): string[] | null {
  if (typeof details !== 'object' || details === null) return null;
  const list = (details as { files?: unknown }).files;
  return Array.isArray(list) && list.every((item) => typeof item === 'string') ? (list as string[]) : null;
}
