import type { CheckStatus } from '../../../src-shared/contract';
import type { CommandConfinement, CommandIsolation } from '../sandbox/command-isolation';
import { runInPty } from '../tools/pty-command';

/** How long a check may run before it is stopped (and counts as failed). */
export const checkTimeoutMs = 10 * 60 * 1000;
/** Characters of output kept: a third from the start, the rest from the end (where test runners summarise). */
const keptOutputChars = 16_000;

export interface CheckRun {
  command: string;
  /** The worktree it runs in. */
  cwd: string;
  isolation: CommandIsolation;
  /** The sandbox (the worktree writable, a private /tmp), or null where the machine has none. */
  confinement: CommandConfinement | null;
  signal: AbortSignal;
  timeoutMs?: number;
}

export interface CheckOutcome {
  status: Exclude<CheckStatus, 'running'>;
  exitCode: number | null;
  output: string;
  reason: string | null;
}

/**
 * Runs the project's check command once in a workspace, as `run_command` runs an agent's
 * command: in a pseudo-terminal under the machine's isolation (nothing it starts outlives it),
 * in the sandbox where there is one — it runs code the agent wrote, and nobody approves it.
 * `CI=1` because nobody watches it: test runners then run once instead of watching for changes.
 * Exit 0 passes; any other exit code, or the timeout, fails; a command that cannot start is an
 * `error`; an abort (the implementer started working again, Braid closing) is `cancelled`.
 */
export async function runCheckCommand(run: CheckRun): Promise<CheckOutcome> {
  const timeoutMs = run.timeoutMs ?? checkTimeoutMs;
  try {
    const outcome = await runInPty({
      command: run.command,
      isolation: run.isolation,
      confinement: run.confinement,
      cwd: run.cwd,
      env: { BRAID_WORKSPACE: run.cwd, CI: '1', PAGER: 'cat', GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0' },
      timeoutMs,
      signal: run.signal,
      flushMs: 100,
      maxOutputChars: keptOutputChars,
      killGraceMs: 2000,
    });
    if (outcome.ending === 'cancelled') return { status: 'cancelled', exitCode: outcome.exitCode, output: outcome.output, reason: cancelReason(run.signal) };
    if (outcome.ending === 'timed-out') return { status: 'failed', exitCode: outcome.exitCode, output: outcome.output, reason: `It did not finish within ${Math.round(timeoutMs / 60_000)} minutes and was stopped.` };
    if (outcome.exitCode === 0) return { status: 'passed', exitCode: 0, output: outcome.output, reason: null };
    return { status: 'failed', exitCode: outcome.exitCode, output: outcome.output, reason: outcome.exitCode === null ? 'It was stopped by a signal.' : null };
  } catch (error) {
    return { status: 'error', exitCode: null, output: '', reason: `It could not be started: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function cancelReason(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason.message : typeof reason === 'string' ? reason : 'It was cancelled.';
}
