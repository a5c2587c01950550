import type { LoopToolOutcome } from './loop-tools';

/**
 * The model's invalid submissions of an artifact (`submit_plan`, `submit_review`) in a row: each
 * refusal tells it what to fix; the `max`-th in a row fails the task with the last problems.
 * `accepted()` starts the count afresh.
 */
export function invalidSubmissions(artifact: 'plan' | 'review', toolName: string, max: number) {
  let inARow = 0;
  return {
    /** The outcome for one more invalid submission, with its count and whether it was the last allowed. */
    refuse(issues: readonly string[]): { outcome: LoopToolOutcome; count: number; final: boolean } {
      inARow += 1;
      const list = issues.map((line) => `- ${line}`).join('\n');
      const final = inARow >= max;
      const outcome: LoopToolOutcome = final
        ? {
            kind: 'end',
            isError: true,
            text: `The ${artifact} is invalid; nothing was submitted:\n${list}\nThis was invalid submission ${inARow} in a row: the task has failed.`,
            run: { kind: 'failed', code: 'INVALID_INPUT', reason: `The model could not produce a valid ${artifact}: ${inARow} submissions in a row were invalid. The last one: ${issues.join('; ')}` },
          }
        : {
            kind: 'result',
            isError: true,
            text: `The ${artifact} is invalid; nothing was submitted. Fix these and call ${toolName} again (invalid submission ${inARow} of ${max} allowed in a row):\n${list}`,
          };
      return { outcome, count: inARow, final };
    },
    accepted(): void {
      inARow = 0;
    },
  };
}
