import { z } from 'zod';
import { describeIssues, validationIssues } from '../../../src-shared/contract';
import { toolInputSchema, type LoopTool } from './loop-tools';

export const askUserInput = z
  .object({
    question: z.string().trim().min(1, 'must not be empty').max(4000, 'must be at most 4000 characters').describe('One clear question, with the context the user needs to answer it.'),
    choices: z
      .array(z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters'))
      .max(10, 'at most 10 choices')
      .optional()
      .describe('Answers to pick from, when there are a few obvious ones; the user may still answer in their own words.'),
  })
  .strict();

const description =
  'Ask the user a question and wait for the answer (it comes back as this tool\'s result). Use it when the task is ambiguous ' +
  'or a decision is the user\'s to make, instead of guessing. Ask one question at a time; offer choices when there are a few obvious answers.';

/** Shown in the task's status while the run waits. */
const maxReasonChars = 160;

/**
 * `ask_user`: a question card in the task; the run waits (status `needs_input`) until the user
 * answers (`agent.answer`) or stops it. A resumed run asks again: the call has no result yet.
 */
export function createAskUserTool(waitForAnswer: (callId: string, signal: AbortSignal) => Promise<string>): LoopTool {
  return {
    definition: { name: 'ask_user', description, inputSchema: toolInputSchema(askUserInput) },
    async run(args, context) {
      const parsed = askUserInput.safeParse(args);
      if (!parsed.success) {
        const problems = describeIssues(validationIssues(parsed.error), '(arguments)');
        return { kind: 'result', isError: true, text: `ask_user needs a question; nothing was asked:\n${problems.map((line) => `- ${line}`).join('\n')}` };
      }
      const { question, choices = [] } = parsed.data;
      context.record({ kind: 'tool_status', callId: context.callId, status: 'awaiting_input' });
      context.record({ kind: 'question', callId: context.callId, question, choices });
      context.setStatus('needs_input', `Question: ${question.length > maxReasonChars ? `${question.slice(0, maxReasonChars - 1)}…` : question}`);
      const answer = await waitForAnswer(context.callId, context.signal);
      context.record({ kind: 'answer', callId: context.callId, answer });
      context.setStatus('running', null);
      return { kind: 'result', isError: false, text: `The user answered: ${answer}` };
    },
  };
}
