import type { CheckGateState, PipelineCheck } from '../../../src-shared/contract';

/**
 * The check gate of a merge (section 4): with a check command set for the project, the task's
 * latest check must have passed; one that failed, could not run, was cancelled or still runs
 * blocks the merge unless the user merges anyway with a reason. A task no check ran on (not a
 * stage of a pipeline), or a project without a check command now, is not gated.
 */
export function checkGateState(checkCommand: string | null, latest: PipelineCheck | null): CheckGateState {
  if (checkCommand === null || latest === null || latest.status === 'passed') return { verdict: 'clear', message: null, check: latest };
  const command = `\`${latest.command}\``;
  const what: Record<Exclude<PipelineCheck['status'], 'passed'>, string> = {
    running: `the check ${command} is still running`,
    failed: `the check ${command} failed${latest.exitCode === null ? '' : ` (exit ${latest.exitCode})`}`,
    error: `the check ${command} could not run`,
    cancelled: `the check ${command} was cancelled before it finished`,
  };
  return { verdict: 'blocked', message: `Blocked by the check gate: ${what[latest.status]}.`, check: latest };
}
