import { constants } from 'node:os';
import * as acp from '@agentclientprotocol/sdk';
import type { Result } from '../../../../src-shared/contract';
import type { AcpTerminalHandlers } from './acp-agent';
import type { AcpRunHandlers } from './acp-run-handlers';

export interface CommandTerminalExit {
  exitCode: number | null;
  /** The signal number that ended it, when one did. */
  signal: number | null;
}

/** A command running in one of the task's terminals, as the user sees it in a tab. */
export interface CommandTerminal {
  readonly id: string;
  readonly exited: Promise<CommandTerminalExit>;
  /** The output so far as plain text, cut from the start to at most `byteLimit` UTF-8 bytes. */
  output(byteLimit?: number): Promise<{ output: string; truncated: boolean; exit: CommandTerminalExit | null }>;
  /** Stops the command and everything it started; the terminal stays, with its output. */
  kill(): Promise<void>;
  /** Stops it if it runs and closes the terminal. */
  release(): Promise<void>;
}

/**
 * Braid's terminals as the agent's `terminal/*` methods need them: a command started in a task's
 * terminal (`services/terminals`' `startCommand`), under the machine's command isolation.
 */
export interface CommandTerminals {
  startCommand(
    taskId: string,
    spec: { title: string; argv: readonly string[]; cwd?: string; env?: Record<string, string>; isolated?: boolean },
  ): Promise<Result<CommandTerminal>>;
}

/** Most a terminal's output the agent gets back per `terminal/output`, when it sets no limit. */
const defaultOutputBytes = 1024 * 1024;

/**
 * The agent's terminals for one run: each `terminal/create` belongs to the agent's command call
 * Braid just allowed, or is checked by Braid's rules as `run_command` and recorded as a call of
 * its own; it runs in a terminal of the task (under the command isolation, in the sandbox when
 * the task's mode wants it), so the user watches it and can stop it.
 * Terminal ids are the terminals service's (random); an id of another run is unknown here.
 */
export function createAcpTerminals(options: { taskId: string; terminals: CommandTerminals; handlers: AcpRunHandlers; signal: AbortSignal }): AcpTerminalHandlers & { closeAll(): Promise<void> } {
  /** `noted`: the command's end is on its call (read before a release closes the terminal). */
  const open = new Map<string, { terminal: CommandTerminal; byteLimit: number; noted: Promise<void> }>();
  const find = (terminalId: string) => {
    const entry = open.get(terminalId);
    if (!entry) throw new acp.RequestError(-32002, `There is no terminal ${terminalId} in this session (it may have been released).`);
    return entry;
  };

  return {
    async create(request) {
      const argv = argvOf(request.command, request.args ?? []);
      const shown = argv.length === 3 && argv[1] === '-c' ? argv[2]! : argv.join(' ');
      const authorized = await options.handlers.authorizeCommand(shown, options.signal);
      if ('refused' in authorized) throw new acp.RequestError(-32602, authorized.refused);
      const env = Object.fromEntries((request.env ?? []).map((variable) => [variable.name, variable.value]));
      const started = await options.terminals.startCommand(options.taskId, {
        title: `Agent: ${shown.length > 40 ? `${shown.slice(0, 40)}…` : shown}`,
        argv,
        ...(request.cwd ? { cwd: request.cwd } : {}),
        env,
        isolated: true,
      });
      if (!started.ok) {
        if (!authorized.owned) options.handlers.endHostCall(authorized.callId, true, started.error.message);
        throw new acp.RequestError(-32602, started.error.message);
      }
      const terminal = started.data;
      options.handlers.output(authorized.callId, `Running in the task's terminal "${shown}".\n`);
      const noted = terminal.exited.then(async (exit) => {
        const { output } = await terminal.output(16 * 1024).catch(() => ({ output: '' }));
        const status = exit.exitCode === null ? `killed by ${signalName(exit.signal) ?? 'a signal'}` : `exit code ${exit.exitCode}`;
        // The agent's own call is ended by the agent; a call Braid made for it is ended here.
        if (authorized.owned) options.handlers.output(authorized.callId, `${output.trimEnd()}\n[${status}]\n`.trimStart());
        else options.handlers.endHostCall(authorized.callId, exit.exitCode !== 0, `${output.trimEnd()}\n[${status}]`.trimStart());
      });
      open.set(terminal.id, { terminal, byteLimit: request.outputByteLimit ?? defaultOutputBytes, noted });
      return { terminalId: terminal.id };
    },
    async output(request) {
      const { terminal, byteLimit } = find(request.terminalId);
      const read = await terminal.output(byteLimit);
      return { output: read.output, truncated: read.truncated, ...(read.exit ? { exitStatus: exitStatusOf(read.exit) } : {}) };
    },
    async waitForExit(request, signal) {
      const { terminal } = find(request.terminalId);
      const stopped = new Promise<never>((_, reject) => {
        const abort = () => reject(new acp.RequestError(-32800, 'The run was stopped.'));
        if (signal.aborted || options.signal.aborted) abort();
        signal.addEventListener('abort', abort, { once: true });
        options.signal.addEventListener('abort', abort, { once: true });
      });
      return exitStatusOf(await Promise.race([terminal.exited, stopped]));
    },
    async kill(request) {
      await find(request.terminalId).terminal.kill();
    },
    async release(request) {
      const { terminal, noted } = find(request.terminalId);
      open.delete(request.terminalId);
      // Stopped first, its end noted on its call, then the terminal is closed.
      await terminal.kill();
      await noted;
      await terminal.release();
    },
    /** The run ended: what the agent left running is stopped (its terminals stay, with their output). */
    async closeAll() {
      await Promise.all([...open.values()].map(async ({ terminal, noted }) => {
        await terminal.kill().catch(() => undefined);
        await noted;
      }));
      open.clear();
    },
  };
}

/**
 * The program and its arguments. With no arguments and a command that is a whole command line
 * (some agents send `npm test` as the command), it runs through `sh -c`, as the agent meant.
 */
export function argvOf(command: string, args: readonly string[]): string[] {
  if (args.length === 0 && /\s/.test(command.trim())) return ['/bin/sh', '-c', command];
  return [command, ...args];
}

function exitStatusOf(exit: CommandTerminalExit): acp.TerminalExitStatus {
  return { exitCode: exit.exitCode, signal: signalName(exit.signal) };
}

function signalName(signal: number | null): string | null {
  if (signal === null) return null;
  return Object.entries(constants.signals).find(([, number]) => number === signal)?.[0] ?? String(signal);
}
