import { randomUUID } from 'node:crypto';
import type { ScriptOutcome, TimelineEventBody, WorkspaceConfigKind, WorkspaceScriptKind } from '../../../src-shared/contract';
import type { TerminalHandle, TerminalsService } from '../terminals/terminals-service';
import { scriptArgv, scriptShell } from './script-command';

/** One run of a workspace script: what runs, where, with which variables. */
export interface ScriptSpec {
  taskId: string;
  script: WorkspaceScriptKind;
  source: WorkspaceConfigKind;
  commands: readonly string[];
  /** The worktree. */
  cwd: string;
  /** The script's variables (on top of the workspace's, which the terminal adds itself). */
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
  /** Stops it and everything it started (SIGTERM, then SIGKILL); resolves once it has ended. */
  stop(): Promise<void>;
}

/** Where workspace scripts run and where the user watches them. */
export interface WorkspaceScriptRunner {
  start(spec: ScriptSpec): RunningScript;
}

/** What a terminal tab running a script is called. */
export const scriptTerminalTitles: Record<WorkspaceScriptKind, string> = { setup: 'Setup', run: 'Run', archive: 'Archive' };

/** UTF-8 bytes of the end of a script's output kept in the timeline and in a report. */
const keptOutputBytes = 8_000;

/**
 * Runs each script in a terminal tab of the task (`terminals.startCommand` on the pty host), so
 * the user watches it live as any terminal, colours and progress bars included. It is the
 * user's own command (their shell, no sandbox: a setup installs dependencies and starts
 * containers), stopped with everything it started. The task's timeline records that it ran
 * (`script_started` with the terminal's id), the end of its output as plain text once it ended
 * (`script_output`: the conversation keeps it after the terminal is closed or Braid restarts)
 * and how it ended (`script_ended`).
 */
export function terminalScriptRunner(options: {
  terminals: () => Pick<TerminalsService, 'startCommand'>;
  record(taskId: string, body: TimelineEventBody): void;
  shell?: string;
}): WorkspaceScriptRunner {
  return {
    start(spec) {
      const runId = randomUUID();
      const started = { kind: 'script_started' as const, runId, script: spec.script, commands: [...spec.commands], source: spec.source };
      let handle: TerminalHandle | undefined;
      let stopped = false;
      const finish = (taskId: string, end: ScriptEnd): ScriptEnd => {
        if (end.output !== '') options.record(taskId, { kind: 'script_output', runId, chunk: end.output });
        options.record(taskId, { kind: 'script_ended', runId, outcome: end.outcome, exitCode: end.exitCode });
        return end;
      };
      const ended = (async (): Promise<ScriptEnd> => {
        const opened = await options.terminals().startCommand(spec.taskId, {
          title: scriptTerminalTitles[spec.script],
          argv: scriptArgv(spec.commands, options.shell ?? scriptShell()),
          cwd: spec.cwd,
          env: spec.env,
        });
        if (!opened.ok) {
          options.record(spec.taskId, { ...started, terminalId: null });
          return finish(spec.taskId, { outcome: 'failed', exitCode: null, output: `The script could not be started: ${opened.error.message}` });
        }
        handle = opened.data;
        options.record(spec.taskId, { ...started, terminalId: handle.id });
        if (stopped) void handle.kill();
        const exit = await handle.exited;
        const { output } = await handle.output(keptOutputBytes);
        const outcome: ScriptOutcome = stopped ? 'stopped' : exit.exitCode === 0 ? 'succeeded' : 'failed';
        return finish(spec.taskId, { outcome, exitCode: exit.exitCode, output: output.trimEnd() });
      })();
      return {
        ended,
        async stop() {
          stopped = true;
          await handle?.kill();
          await ended;
        },
      };
    },
  };
}
