import type { FileChange } from '../merge/file-changes';

export interface PullRequestFacts {
  taskTitle: string;
  /** What the task was asked to do (its prompt). */
  goal: string;
  branch: string;
  /** The summary of the plan the task implements, with where it comes from. */
  plan: { summary: string; source: string } | null;
  files: readonly FileChange[];
  /** The latest review of the task's work. */
  review: { verdict: 'correct' | 'incorrect'; confidence: number; explanation: string; openBlocking: number } | null;
}

/** How many changed files the body lists before "and N more". */
const listedFiles = 100;

/** The title and body "Open pull request" starts from; the user edits both before sending. */
export function pullRequestText(facts: PullRequestFacts): { title: string; body: string } {
  const sections: string[] = [];
  sections.push(`## Goal\n\n${facts.goal.trim() || facts.taskTitle}`);
  if (facts.plan) sections.push(`## Plan\n\n${facts.plan.summary.trim()}\n\n_${facts.plan.source}_`);
  const files = facts.files.slice(0, listedFiles).map((file) => {
    const counts = file.additions === null || file.deletions === null ? 'binary' : `+${file.additions} −${file.deletions}`;
    const renamed = file.oldPath ? ` (from \`${file.oldPath}\`)` : '';
    return `- \`${file.path}\`${renamed} ${counts}`;
  });
  if (facts.files.length > listedFiles) files.push(`- … and ${facts.files.length - listedFiles} more`);
  sections.push(`## Files changed (${facts.files.length})\n\n${files.length > 0 ? files.join('\n') : '_No changes against the base branch._'}`);
  if (facts.review) {
    const { verdict, confidence, explanation, openBlocking } = facts.review;
    const findings = openBlocking === 0 ? 'No open P0/P1 findings.' : `${openBlocking} open P0/P1 finding${openBlocking === 1 ? '' : 's'}.`;
    sections.push(`## Review\n\nVerdict: **${verdict}** (confidence ${confidence.toFixed(2)}). ${findings}\n\n${explanation.trim()}`);
  }
  sections.push(`---\nOpened from Braid: task “${facts.taskTitle}”, branch \`${facts.branch}\`.`);
  return { title: facts.taskTitle, body: `${sections.join('\n\n')}\n` };
}
