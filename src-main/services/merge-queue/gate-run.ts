import type { CommandIsolation } from '../sandbox/command-isolation';
import { runInPty } from '../tools/pty-command';
import { scriptText } from '../workspace-setup/script-command';
import type { GateLog } from './gate-log';

/** One part of a gate run: the workspace setup, then the gate itself. */
export interface GateStep {
  step: 'setup' | 'test';
  /** What the log says runs, e.g. "Workspace setup (conductor.json on main)". */
  title: string;
  /** Command lines, run in order in one shell; the first that fails ends the step. */
  commands: readonly string[];
}

export interface GateSpec {
  /** The setup first when there is one; a failure there fails the run. */
  steps: GateStep[];
  /** The shell the commands run under (the workspace scripts' own: `scriptShell`). */
  shell: string;
  cwd: string;
  /** For all steps together. */
  timeoutMs: number;
  env: Record<string, string>;
  isolation: CommandIsolation;
  /** Aborting stops the command and everything it started. */
  signal: AbortSignal;
  log: GateLog;
  killGraceMs: number;
}

export interface GateOutcome {
  verdict: 'passed' | 'failed' | 'timed-out' | 'cancelled';
  exitCode: number | null;
  durationMs: number;
  /** Which step decided a failure. */
  failedStep: 'setup' | 'test' | null;
}

/**
 * Runs the gate in the candidate's scratch worktree: in a terminal (so tools print as they do
 * for a user), under the machine's command isolation (its own PID namespace where possible), so
 * a timeout or a stop takes down everything it started. Each step runs as a workspace script
 * runs (`scriptText`: each line shown as `$ line`, the first failure ending it). Not sandboxed:
 * a gate is the project's own test command, which may need the network and caches; the
 * candidate is a throwaway checkout.
 */
export async function runGate(spec: GateSpec): Promise<GateOutcome> {
  const started = Date.now();
  for (const { step, title, commands } of spec.steps) {
    const remaining = spec.timeoutMs - (Date.now() - started);
    spec.log.note(`${title}:`);
    const ran = await runInPty({
      command: scriptText(commands),
      shell: { file: spec.shell, args: ['-c'] },
      isolation: spec.isolation,
      cwd: spec.cwd,
      env: spec.env,
      timeoutMs: Math.max(1, remaining),
      signal: spec.signal,
      onOutput: (chunk) => spec.log.output(chunk),
      flushMs: 100,
      maxOutputChars: 4_000,
      killGraceMs: spec.killGraceMs,
    });
    const durationMs = Date.now() - started;
    if (ran.ending === 'cancelled') {
      spec.log.note('Stopped: the queue no longer needs this run.');
      return { verdict: 'cancelled', exitCode: null, durationMs, failedStep: null };
    }
    if (ran.ending === 'timed-out') {
      spec.log.note(`Timed out after ${seconds(spec.timeoutMs)}; stopped with everything it started.`);
      return { verdict: 'timed-out', exitCode: null, durationMs, failedStep: step };
    }
    if (ran.exitCode !== 0) {
      spec.log.note(`${step === 'setup' ? 'The workspace setup' : 'The gate'} failed: exit ${ran.exitCode ?? 'by a signal'} after ${seconds(durationMs)}.`);
      return { verdict: 'failed', exitCode: ran.exitCode, durationMs, failedStep: step };
    }
  }
  const durationMs = Date.now() - started;
  spec.log.note(`Passed in ${seconds(durationMs)}.`);
  return { verdict: 'passed', exitCode: 0, durationMs, failedStep: null };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
