import type { QueueEjection } from '../../../src-shared/contract';
import { logTail } from './gate-log';

/**
 * "Send the failure to the agent": what the task's agent is told when its entry's gate failed
 * on top of the target: which command, how it ended, and the end of its output (plain text).
 */
export function gateFailureMessage(targetBranch: string, ejection: QueueEjection, log: string | null): string {
  const output = log ? logTail(log) : '(no output was kept)';
  return [
    `The merge queue could not land this task on \`${targetBranch}\`. ${ejection.message}`,
    ...(ejection.command ? ['', `The command: \`${ejection.command.replace(/`/g, "'")}\``] : []),
    '',
    'The end of the gate log (the candidate is this workspace merged onto the target branch):',
    '```',
    output.replace(/```/g, "'''"),
    '```',
    '',
    'Find the cause and fix it in this workspace. When the fix is in, the task can be added to the merge queue again.',
  ].join('\n');
}
