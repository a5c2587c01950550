import { fail, ok, type PlanComment, type PlanVersion, type Result } from '../../../src-shared/contract';

/** How much of a step's detail a comment quotes; the agent has the whole plan in its context. */
const maxQuotedDetail = 600;

/**
 * A change request as the one message the plan task's agent gets: the user's message, then
 * each comment under a quote of the step or criterion it targets, so the agent knows exactly
 * what the comment is about even after its context was compacted. A comment on a step or
 * criterion the version does not have is refused (`INVALID_INPUT`, naming it).
 */
export function composeChangeRequest(version: PlanVersion, message: string, comments: readonly PlanComment[]): Result<string> {
  const quoted: string[] = [];
  for (const [index, comment] of comments.entries()) {
    const quote = quoteTarget(version, comment.target);
    if (quote === null) {
      return fail('INVALID_INPUT', `comments[${index}].target: ${comment.target} is not part of plan v${version.version}.`, {
        issues: [{ path: ['comments', index, 'target'], message: `${comment.target} is not part of plan v${version.version}` }],
      });
    }
    quoted.push(`${quote}\n${comment.text.trim()}`);
  }
  const parts = [
    `I reviewed plan v${version.version} ("${version.plan.title}") and request changes. Revise the plan and submit the next version with submit_plan.`,
  ];
  if (message.trim()) parts.push(`My message:\n${message.trim()}`);
  if (quoted.length > 0) parts.push(`My comments:\n\n${quoted.join('\n\n')}`);
  return ok(parts.join('\n\n'));
}

/** The heading and quote of what a comment targets, or null when the version has no such step or criterion. */
function quoteTarget(version: PlanVersion, target: PlanComment['target']): string | null {
  if (target === 'plan') return 'On the plan as a whole:';
  const step = version.plan.steps.find((candidate) => candidate.id === target);
  if (step) {
    const detail = step.detail.trim();
    const lines = [`${step.id}. ${step.title}`];
    if (detail) lines.push(detail.length > maxQuotedDetail ? `${detail.slice(0, maxQuotedDetail)}…` : detail);
    return `On step ${step.id}:\n${blockQuote(lines.join('\n'))}`;
  }
  const criterion = version.plan.acceptanceCriteria.find((candidate) => candidate.id === target);
  if (criterion) return `On acceptance criterion ${criterion.id}:\n${blockQuote(`${criterion.id}. ${criterion.text}\nVerify: ${criterion.verify}`)}`;
  return null;
}

function blockQuote(text: string): string {
  return text
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n');
}
