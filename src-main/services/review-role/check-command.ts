import type { ReviewCheckRun } from '../../../src-shared/contract';
import type { CommandIsolation } from '../sandbox/command-isolation';
import { runInPty } from '../tools/pty-command';

/** How long the project's check command may run before a review (it is stopped then, with everything it started). */
export const defaultCheckTimeoutMs = 10 * 60 * 1000;
/** Characters of its output the reviewer gets (a third from the start, the rest from the end). */
const maxCheckOutputChars = 20_000;

export interface CheckCommandOptions {
  reviewTaskId: string;
  command: string;
  /** The reviewed workspace. */
  cwd: string;
  isolation: Promise<CommandIsolation>;
  timeoutMs: number;
  signal: AbortSignal;
  now: () => number;
}

/**
 * Runs the project's check command in the reviewed workspace before its review, the way an
 * agent's command runs: in a terminal, under the machine's command isolation (its own PID
 * namespace where possible, so a timeout or a stop takes everything it started down), with the
 * host's environment and a timeout.
 */
export async function runCheckCommand(options: CheckCommandOptions): Promise<ReviewCheckRun> {
  const startedAt = options.now();
  try {
    const outcome = await runInPty({
      command: options.command,
      isolation: await options.isolation,
      cwd: options.cwd,
      env: { BRAID_WORKSPACE: options.cwd, PAGER: 'cat', GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0', CI: '1' },
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      flushMs: 100,
      maxOutputChars: maxCheckOutputChars,
      killGraceMs: 2000,
    });
    return { reviewTaskId: options.reviewTaskId, command: options.command, state: 'done', exitCode: outcome.exitCode, ending: outcome.ending, output: outcome.output, startedAt, durationMs: outcome.durationMs };
  } catch (error) {
    // A pty that cannot start (no shell, the folder went): said as the check's result, never thrown at the review.
    const message = error instanceof Error ? error.message : String(error);
    return { reviewTaskId: options.reviewTaskId, command: options.command, state: 'done', exitCode: null, ending: 'failed-to-start', output: message, startedAt, durationMs: options.now() - startedAt };
  }
}

/** The check's result as the reviewer's first message carries it (and the conversation shows it). */
export function checkReport(run: ReviewCheckRun): string {
  const how =
    run.ending === 'timed-out'
      ? 'was stopped: it ran longer than its time limit'
      : run.ending === 'cancelled'
        ? 'was stopped before it finished'
        : run.ending === 'failed-to-start'
          ? 'could not be started'
          : run.exitCode === 0
            ? 'passed (exit code 0)'
            : `failed (exit code ${run.exitCode ?? 'none: killed by a signal'})`;
  const fence = '`'.repeat(Math.max(3, ...(run.output.match(/`+/g) ?? []).map((ticks) => ticks.length + 1)));
  return [`The project's check command ran in the workspace before this review: \`${run.command}\` ${how}.`, 'Its output:', fence, run.output.trimEnd() || '(no output)', fence].join('\n');
}
