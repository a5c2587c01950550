import type { Task } from '../../../../src-shared/contract';
import { braidToolsServer } from './acp-tool-call';

const server = `Braid's MCP server "${braidToolsServer}"`;

/**
 * What a role asks of an external agent, which gets no system prompt from Braid: how a plan or a
 * review is handed in (with Braid's tools, the only way the gate sees it), for that agent's own
 * tools rather than Braid's (`agents/system-prompt.ts` names Braid's own).
 */
const duties: Record<Task['role'], string | null> = {
  plan: [
    'This is a planning task in Braid. Your job is a plan that another agent can implement and a reviewer can check: read the code, and change nothing (no edits, no commands that write).',
    `Hand the plan in with the submit_plan tool of ${server} — never as a message, and not through a plan mode of your own: Braid's approval gate sees only what submit_plan receives. Its input is the plan as the tool's schema says: title, summary, context, assumptions, steps (S1, S2, …, each with the files it touches, what to do and what it depends on), constraints, acceptanceCriteria (AC1, AC2, …, each with verify: a command that checks it, or "manual"), risks, openQuestions.`,
    'Submitting ends this run: the user approves, edits, rejects or requests changes. Their feedback comes back as a message; then submit the whole revised plan again. If submit_plan answers that the plan is invalid, fix exactly what it names and submit again: three invalid submissions in a row fail the task.',
    `When the goal is ambiguous or a decision is the user's, ask with the ask_user tool of the same server (the answer is its result) instead of guessing.`,
  ].join('\n'),
  review: [
    "This is a review task in Braid. You review another task's work in its own worktree (this one, shared with it): judge whether the change is correct and complete against its plan and criteria, and find what is wrong with it. Never change a file: commands that write into the worktree are refused.",
    `Hand the review in with the submit_review tool of ${server} — never as a message: { verdict "correct" | "incorrect", explanation, confidence 0–1, findings, resolved? } as the tool's schema says, each finding at lines of the changed files that overlap the diff. Submitting ends this run. If submit_review answers that the review is invalid, fix exactly what it names: three invalid submissions in a row fail the task.`,
    `Ask the user with the ask_user tool of the same server when a decision is theirs.`,
  ].join('\n'),
  implement: null,
};

/**
 * The brief an external agent gets with its first prompt in a session (and again when what the
 * task is given changed: a review again reads the diff anew): its role's duties and what the
 * role's services give the task to work from (`briefing`: a review's plan, criteria and diff, an
 * implement task's pinned plan). Null when there is nothing to say.
 */
export function roleBrief(task: Task, briefing: string | null): string | null {
  const parts = [duties[task.role], briefing].filter((part): part is string => !!part);
  if (parts.length === 0) return null;
  return ['<braid-task-brief>', ...parts, '</braid-task-brief>', ''].join('\n');
}
