import type { CommandIsolation } from '../sandbox/command-isolation';
import { runInPty } from '../tools/pty-command';
import type { GateLog } from './gate-log';

export interface GateSpec {
  /** Runs first when set (the workspace setup); a failure there fails the gate. */
  setup: string | null;
  command: string;
  cwd: string;
  /** For setup and command together. */
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
  /** Which command decided a failure. */
  failedStep: 'setup' | 'test' | null;
}

/**
 * Runs the gate in the candidate's scratch worktree: in a terminal (so tools print as they do
 * for a user), under the machine's command isolation (its own PID namespace where possible), so
 * a timeout or a stop takes down everything it started. Not sandboxed: a gate is the project's
 * own test command, which may need the network and caches; the candidate is a throwaway checkout.
 */
export async function runGate(spec: GateSpec): Promise<GateOutcome> {
  const started = Date.now();
  const steps: ['setup' | 'test', string][] = spec.setup ? [['setup', spec.setup], ['test', spec.command]] : [['test', spec.command]];
  for (const [step, command] of steps) {
    const remaining = spec.timeoutMs - (Date.now() - started);
    spec.log.note(`$ ${command}${step === 'setup' ? '   (workspace setup)' : ''}`);
    const ran = await runInPty({
      command,
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
