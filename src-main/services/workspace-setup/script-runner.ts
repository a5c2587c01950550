import { randomUUID } from 'node:crypto';
import type { ScriptOutcome, TimelineEventBody, WorkspaceConfigKind, WorkspaceScriptKind } from '../../../src-shared/contract';
import { processGroupIsolation } from '../sandbox/process-group';
import { spawnSandboxedPty, type SandboxedPty } from '../sandbox/sandboxed-pty';
import { HeadTailBuffer } from '../tools/output-cap';
import { hostEnvironmentWith } from '../tools/pty-command';
import { plainTerminalText } from '../tools/terminal-text';
import { scriptArgv, scriptShell } from './script-command';

/** One run of a workspace script: what runs, where, with which variables. */
export interface ScriptSpec {
  taskId: string;
  script: WorkspaceScriptKind;
  source: WorkspaceConfigKind;
  commands: readonly string[];
  /** The worktree. */
  cwd: string;
  /** The workspace's variables (on top of the host's environment). */
  env: Record<string, string>;
}

export interface ScriptEnd {
  outcome: ScriptOutcome;
  exitCode: number | null;
  /** The end of its output as plain text (what a failure shows). */
  output: string;
}

export interface RunningScript {
  readonly ended: Promise<ScriptEnd>;
  /** Stops it and everything it started (SIGTERM, then SIGKILL); resolves once they are gone. */
  stop(): Promise<void>;
}

/**
 * Where workspace scripts run and where the user watches them. The seam for terminals: today
 * the output streams into the task's timeline (`script_started` / `script_output` /
 * `script_ended`); once terminals land, a runner over `terminals.startCommand` shows the same
 * script as a terminal tab, and nothing else changes.
 */
export interface WorkspaceScriptRunner {
  start(spec: ScriptSpec): RunningScript;
}

/** Characters of output a report keeps (its end: errors usually come last). */
const reportTail = 4_000;

/**
 * Runs scripts in a pty as the user's own commands (their shell, their environment, no
 * sandbox: a setup installs dependencies and starts containers), each in its own process group
 * so a stop reaches everything it started; the output streams into the task's timeline.
 */
export function timelineScriptRunner(options: {
  record(taskId: string, body: TimelineEventBody): void;
  shell?: string;
  killGraceMs?: number;
  flushMs?: number;
}): WorkspaceScriptRunner {
  const isolation = processGroupIsolation('workspace scripts run as the user’s own commands');
  return {
    start(spec) {
      const runId = randomUUID();
      options.record(spec.taskId, { kind: 'script_started', runId, script: spec.script, commands: [...spec.commands], source: spec.source });
      const environment = hostEnvironmentWith(spec.env);
      // Braid's own switch for running Electron as Node must not reach a user's node or electron.
      delete environment.ELECTRON_RUN_AS_NODE;
      let terminal: SandboxedPty;
      try {
        terminal = spawnSandboxedPty({ isolation, argv: scriptArgv(spec.commands, options.shell ?? scriptShell()), cwd: spec.cwd, env: environment });
      } catch (error) {
        const output = `The script could not be started: ${error instanceof Error ? error.message : String(error)}`;
        options.record(spec.taskId, { kind: 'script_output', runId, chunk: `${output}\r\n` });
        options.record(spec.taskId, { kind: 'script_ended', runId, outcome: 'failed', exitCode: null });
        return { ended: Promise.resolve({ outcome: 'failed', exitCode: null, output }), stop: async () => undefined };
      }
      const kept = new HeadTailBuffer(0, reportTail);
      let pending = '';
      let timer: NodeJS.Timeout | undefined;
      const flush = () => {
        timer = undefined;
        if (pending === '') return;
        options.record(spec.taskId, { kind: 'script_output', runId, chunk: pending });
        pending = '';
      };
      const subscription = terminal.onData((data) => {
        kept.push(data);
        pending += data;
        timer ??= setTimeout(flush, options.flushMs ?? 30);
      });
      let stopped = false;
      const ended = terminal.exited.then((exitCode): ScriptEnd => {
        clearTimeout(timer);
        flush();
        subscription.dispose();
        const outcome: ScriptOutcome = stopped ? 'stopped' : exitCode === 0 ? 'succeeded' : 'failed';
        options.record(spec.taskId, { kind: 'script_ended', runId, outcome, exitCode });
        const { tail } = kept.snapshot();
        return { outcome, exitCode, output: plainTerminalText(tail).trimEnd() };
      });
      return {
        ended,
        async stop() {
          stopped = true;
          await terminal.stop(options.killGraceMs ?? 2_000);
          await ended;
        },
      };
    },
  };
}
