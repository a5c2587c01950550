import type { Task, TimelineEvent } from '../../../src-shared/contract';
import { Conversation } from '../agents/conversation';

/** What the parent's `delegate` call returns once the subagent's run has ended. */
export interface SubagentOutcome {
  isError: boolean;
  text: string;
}

/** The answer a parent gets is capped like any tool result, so one subagent cannot flood its context. */
const maxAnswerChars = 60_000;

/**
 * The subagent's final answer (its last complete message) when it finished, else what became
 * of it in words the parent can act on: stopped at its turn limit, failed, stopped, interrupted
 * by Braid stopping; with its last words when it had any.
 */
export function subagentOutcome(child: Task, agent: string, events: readonly TimelineEvent[]): SubagentOutcome {
  const answer = lastAnswer(events);
  const lastWords = answer ? ` Its last message:\n\n${answer}` : ' It had not written anything yet.';
  const where = `Its task "${child.title}" keeps everything it did.`;
  const { status, statusReason, limits } = child.agent;
  switch (status) {
    case 'done':
      return answer ? { isError: false, text: answer } : { isError: false, text: `The subagent ${agent} finished without a final message.` };
    case 'paused':
      return statusReason?.startsWith('Step limit')
        ? { isError: true, text: `The subagent ${agent} reached its turn limit (maxTurns ${limits.maxSteps}) before it finished. ${where}${lastWords}` }
        : { isError: true, text: `The subagent ${agent} paused before it finished: ${statusReason ?? 'a limit was reached'}. ${where}${lastWords}` };
    case 'failed':
      return { isError: true, text: `The subagent ${agent} failed: ${statusReason ?? 'an error'}. ${where}${lastWords}` };
    case 'stopped':
      return { isError: true, text: `The subagent ${agent} was stopped before it finished. ${where}${lastWords}` };
    case 'interrupted':
      return { isError: true, text: `The subagent ${agent} was interrupted: Braid stopped while it worked, and it was not resumed. ${where}${lastWords}` };
    default:
      return { isError: true, text: `The subagent ${agent} ended as ${status}${statusReason ? ` (${statusReason})` : ''}. ${where}${lastWords}` };
  }
}

/** The text of the last complete assistant message (cut and retried answers are not answers). */
function lastAnswer(events: readonly TimelineEvent[]): string | null {
  const { messages } = Conversation.fromTimeline(events);
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index]!;
    if (message.role !== 'assistant') continue;
    const text = typeof message.content === 'string' ? message.content : message.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
    if (text.trim() === '') continue;
    const trimmed = text.trim();
    return trimmed.length > maxAnswerChars ? `${trimmed.slice(0, maxAnswerChars)}\n[… cut at ${maxAnswerChars} characters; the whole answer is in the subagent's task]` : trimmed;
  }
  return null;
}
