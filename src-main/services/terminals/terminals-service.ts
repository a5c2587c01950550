import { randomBytes } from 'node:crypto';
import {
  fail,
  ok,
  type EventPayload,
  type MethodArgs,
  type Result,
  type Task,
  type TerminalInfo,
  type TerminalSnapshot,
} from '../../../src-shared/contract';
import type { DomainEventBus } from '../events';
import type { CommandConfinement, CommandIsolation } from '../sandbox/command-isolation';
import { processGroupIsolation } from '../sandbox/process-group';
import { loginShell, terminalEnvironment } from './login-shell';
import { OutputViewers } from './output-viewers';
import { PtyHost } from './pty-host/pty-host-client';
import { confineTerminalCwd, describeCommand, tailWithinBytes } from './terminal-text';

export interface TerminalsServiceOptions {
  getTask(taskId: string): Task | undefined;
  emit<E extends 'terminals.data' | 'terminals.changed'>(event: E, payload: EventPayload<E>): void;
  /** A task's terminals go when the task is removed (deleted or archived). */
  events: DomainEventBus;
  /** How agent-style commands are isolated (`startCommand` with `isolated`); the user's shells are not. */
  isolation: Promise<CommandIsolation>;
  /**
   * The sandbox a task's isolated commands run in, as its agent's commands do (full auto, or a
   * project that always sandboxes: writes only to the worktree); null for none.
   */
  confinement?: (taskId: string) => CommandConfinement | null;
  /**
   * The workspace's variables for everything run in its terminals (section 3 of issue 12 adds
   * `BRAID_PORT`, `BRAID_WORKSPACE_PATH`, …): this is the hook.
   */
  workspaceEnvironment?: (task: Task) => Record<string, string> | Promise<Record<string, string>>;
  /** Lines kept above the screen, read when a terminal opens (the `terminals.scrollback` setting; default 10,000). */
  scrollback?: () => number | undefined;
  killGraceMs?: number;
  now?: () => number;
  /** The pty host to use (tests pass their own to watch it). */
  ptyHost?: PtyHost;
  /**
   * Send a terminal's output (`terminals.data`) only while someone is shown it (`watchOutput`):
   * the host sets this, as its transports say who shows what. Default: always.
   */
  outputOnlyWhenViewed?: boolean;
}

/** A command Braid runs in a task's terminal for someone else: an external agent (ACP `terminal/create`), a setup script. */
export interface CommandTerminalSpec {
  /** What the tab says, e.g. "Setup". */
  title: string;
  /** The program and its arguments (no shell unless you pass one). */
  argv: readonly string[];
  /** Where it runs: absolute, inside the task's worktree (default: the worktree). */
  cwd?: string;
  /** On top of the workspace's environment. */
  env?: Record<string, string>;
  /** Under the machine's command isolation and the task's sandbox, like the agent's own commands (an external agent's). */
  isolated?: boolean;
  cols?: number;
  rows?: number;
}

export interface TerminalExit {
  exitCode: number | null;
  signal: number | null;
}

/** What a programmatic caller holds of its terminal; the user sees the same terminal as a tab. */
export interface TerminalHandle {
  readonly id: string;
  /** Resolves when the process ends (also when killed, closed, or the task goes). */
  readonly exited: Promise<TerminalExit>;
  /**
   * The output so far as plain text (the terminal's scrollback and screen), cut from the start
   * to at most `byteLimit` UTF-8 bytes, with the exit once there is one (ACP `terminal/output`).
   */
  output(byteLimit?: number): Promise<{ output: string; truncated: boolean; exit: TerminalExit | null }>;
  /** Stops the process and everything it started; the terminal stays, with its output (ACP `terminal/kill`). */
  kill(): Promise<void>;
  /** Stops it if it runs and closes the terminal (ACP `terminal/release`). */
  release(): Promise<void>;
}

export interface TerminalsService {
  open(args: MethodArgs<'terminals.open'>): Promise<Result<TerminalInfo>>;
  list(taskId: string): Result<TerminalInfo[]>;
  input(args: MethodArgs<'terminals.input'>): Result<Record<string, never>>;
  resize(args: MethodArgs<'terminals.resize'>): Result<Record<string, never>>;
  ack(args: MethodArgs<'terminals.ack'>): Result<Record<string, never>>;
  detach(args: MethodArgs<'terminals.detach'>): Result<Record<string, never>>;
  snapshot(args: MethodArgs<'terminals.snapshot'>): Promise<Result<TerminalSnapshot>>;
  /** Stops the terminal's process tree and forgets it; resolves when the processes are gone. */
  closeTerminal(args: MethodArgs<'terminals.close'>): Promise<Result<{ closed: true }>>;
  startCommand(taskId: string, spec: CommandTerminalSpec): Promise<Result<TerminalHandle>>;
  /** The task is being deleted: its terminals' process trees are stopped and the terminals forgotten. */
  stopTask(taskId: string): Promise<void>;
  /** Braid quits: every terminal's process tree is stopped, then the pty host ends. */
  close(): Promise<void>;
  /**
   * Someone is shown the terminal (`null`: every terminal, now and later) until the returned
   * function is called: its output is sent as `terminals.data` meanwhile (see `OutputViewers`).
   */
  watchOutput(terminalId: string | null): () => void;
  /** The pty host's pid while it runs (diagnostics, tests). */
  ptyHostPid(): number | undefined;
}

/** Open at once per task: far more than anyone uses, few enough that a runaway caller cannot exhaust ptys. */
export const maxTerminalsPerTask = 64;
const defaultScrollback = 10_000;

interface Entry {
  info: TerminalInfo;
  exited: Promise<TerminalExit>;
  /** Set when the terminal is being closed: from then on its id is unknown to every call. */
  closed?: Promise<void>;
}

/**
 * Terminals per task (U2): the user's login shells and commands Braid runs for others, all on
 * one pty host (a process of their own, see pty-host/). Every call names the task and the
 * terminal; ids are 128 random bits, and a closed terminal's id is unknown from then on.
 */
export function createTerminalsService(options: TerminalsServiceOptions): TerminalsService {
  const ptyHost = options.ptyHost ?? new PtyHost();
  const now = options.now ?? Date.now;
  const graceMs = options.killGraceMs ?? 2_000;
  const terminals = new Map<string, Entry>();
  const numbers = new Map<string, number>();
  const viewers = new OutputViewers(options.outputOnlyWhenViewed ?? false, (terminalId) => {
    for (const id of terminalId === null ? terminals.keys() : [terminalId]) if (terminals.has(id)) ptyHost.sendOutput(id, viewers.isSent(id));
  });
  let closing = false;

  const ofTask = (taskId: string) => [...terminals.values()].filter((entry) => entry.info.taskId === taskId);
  const shown = (taskId: string) => ofTask(taskId).filter((entry) => !entry.closed).map((entry) => entry.info);
  const changed = (taskId: string) => options.emit('terminals.changed', { taskId, terminals: shown(taskId) });
  const find = (taskId: string, terminalId: string): Result<Entry> => {
    const entry = terminals.get(terminalId);
    // Another task's terminal is as unknown as a closed one: ids are never confirmed across tasks.
    if (!entry || entry.info.taskId !== taskId || entry.closed) return fail('NOT_FOUND', 'This task has no such terminal (it may have been closed).');
    return ok(entry);
  };

  const readyTask = (taskId: string): Result<Task> => {
    if (closing) return fail('BUSY', 'Braid is shutting down; no terminals open now.');
    const task = options.getTask(taskId);
    if (!task) return fail('NOT_FOUND', 'That task does not exist any more.');
    if (task.workspace.state !== 'ready') return fail('WORKSPACE_NOT_READY', `The task's worktree is ${task.workspace.state}; terminals open once it is ready.`);
    if (ofTask(taskId).length >= maxTerminalsPerTask) return fail('BUSY', `This task already has ${maxTerminalsPerTask} terminals; close one first.`);
    return ok(task);
  };

  const launch = async (
    task: Task,
    spec: {
      kind: TerminalInfo['kind'];
      title: string;
      command: string | null;
      argv: readonly string[];
      cwd: string;
      env: Record<string, string>;
      cols: number;
      rows: number;
      isolation: CommandIsolation;
      confinement?: CommandConfinement | null;
    },
  ): Promise<Result<Entry>> => {
    const id = randomBytes(16).toString('hex');
    const launched = spec.isolation.launch({ argv: spec.argv, cwd: spec.cwd, env: spec.env, confinement: spec.confinement ?? null });
    const scrollback = Math.max(0, Math.floor(options.scrollback?.() ?? defaultScrollback));
    let markExited: (exit: TerminalExit) => void = () => undefined;
    const exited = new Promise<TerminalExit>((resolve) => (markExited = resolve));
    const info: TerminalInfo = {
      id,
      taskId: task.id,
      title: spec.title,
      kind: spec.kind,
      command: spec.command,
      state: 'running',
      exitCode: null,
      signal: null,
      cols: spec.cols,
      rows: spec.rows,
      scrollback,
      createdAt: now(),
    };
    const entry: Entry = { info, exited };
    const sentAtOpen = viewers.isSent(id);
    const started = await ptyHost.open(
      id,
      {
        file: launched.file,
        args: launched.args,
        cwd: launched.cwd,
        env: launched.env,
        cols: spec.cols,
        rows: spec.rows,
        scrollback,
        stop: launched.stop,
        sendOutput: sentAtOpen,
      },
      {
        data: (from, data) => options.emit('terminals.data', { terminalId: id, from, data }),
        exit: (exitCode, signal) => {
          entry.info = { ...entry.info, state: 'exited', exitCode, signal };
          markExited({ exitCode, signal });
          if (terminals.get(id) === entry && !entry.closed) changed(task.id);
        },
      },
    );
    if ('error' in started) return fail('INTERNAL', `The terminal could not be started: ${started.error}`);
    if (closing || !options.getTask(task.id)) {
      // Braid began to quit, or the task went, while the pty host started it.
      await ptyHost.dispose(id, graceMs);
      return fail('NOT_FOUND', 'That task does not exist any more.');
    }
    terminals.set(id, entry);
    // Someone started or stopped showing every terminal while it started.
    if (viewers.isSent(id) !== sentAtOpen) ptyHost.sendOutput(id, !sentAtOpen);
    changed(task.id);
    return ok(entry);
  };

  /** Refuses the id at once, then stops the process tree; resolves when it is gone. */
  const closeEntry = (entry: Entry): Promise<void> => {
    if (entry.closed) return entry.closed;
    entry.closed = ptyHost.dispose(entry.info.id, graceMs).finally(() => terminals.delete(entry.info.id));
    changed(entry.info.taskId);
    return entry.closed;
  };

  const stopTask = async (taskId: string) => {
    const entries = ofTask(taskId);
    await Promise.all(entries.map(closeEntry));
    numbers.delete(taskId);
  };
  options.events.on('task.removed', ({ taskId }) => stopTask(taskId));

  return {
    async open({ taskId, cols, rows }) {
      const task = readyTask(taskId);
      if (!task.ok) return task;
      const number = (numbers.get(taskId) ?? 0) + 1;
      numbers.set(taskId, number);
      const shell = loginShell();
      const env = terminalEnvironment(await workspaceVariables(task.data));
      const opened = await launch(task.data, {
        kind: 'shell',
        title: `Terminal ${number}`,
        command: null,
        argv: [shell.file, ...shell.args],
        cwd: task.data.workspace.path,
        env,
        cols,
        rows,
        // The user's own shell: not in a namespace (sudo, job control and their tools work as
        // usual), still stopped with its whole process group and everything carrying its marker.
        isolation: userProcessIsolation,
      });
      return opened.ok ? ok(opened.data.info) : opened;
    },

    list(taskId) {
      if (!options.getTask(taskId)) return fail('NOT_FOUND', 'That task does not exist any more.');
      return ok(shown(taskId));
    },

    input({ taskId, terminalId, data }) {
      const entry = find(taskId, terminalId);
      if (!entry.ok) return entry;
      if (entry.data.info.state === 'exited') return fail('TERMINAL_EXITED', `${entry.data.info.title} has exited; open a new terminal.`);
      ptyHost.input(terminalId, data);
      return ok({});
    },

    resize({ taskId, terminalId, cols, rows }) {
      const entry = find(taskId, terminalId);
      if (!entry.ok) return entry;
      if (entry.data.info.state === 'exited') return ok({});
      entry.data.info = { ...entry.data.info, cols, rows };
      ptyHost.resize(terminalId, cols, rows);
      return ok({});
    },

    ack({ taskId, terminalId, position }) {
      const entry = find(taskId, terminalId);
      if (!entry.ok) return entry;
      ptyHost.acknowledge(terminalId, position);
      return ok({});
    },

    detach({ taskId, terminalId }) {
      const entry = find(taskId, terminalId);
      if (!entry.ok) return entry;
      ptyHost.detach(terminalId);
      return ok({});
    },

    async snapshot({ taskId, terminalId }) {
      const entry = find(taskId, terminalId);
      if (!entry.ok) return entry;
      const snapshot = await ptyHost.snapshot(terminalId);
      if (!snapshot) return fail('NOT_FOUND', `The screen of ${entry.data.info.title} is gone (its pty host stopped).`);
      return ok(snapshot);
    },

    async closeTerminal({ taskId, terminalId }) {
      const entry = find(taskId, terminalId);
      if (!entry.ok) return entry;
      await closeEntry(entry.data);
      return ok({ closed: true });
    },

    async startCommand(taskId, spec) {
      const task = readyTask(taskId);
      if (!task.ok) return task;
      const cwd = confineTerminalCwd(task.data.workspace.path, spec.cwd);
      if (!cwd.ok) return cwd;
      if (spec.argv.length === 0 || !spec.argv[0]) return fail('INVALID_INPUT', 'A command terminal needs a program to run.');
      const env = terminalEnvironment({ ...(await workspaceVariables(task.data)), ...spec.env });
      const started = await launch(task.data, {
        kind: 'command',
        title: spec.title,
        command: describeCommand(spec.argv),
        argv: spec.argv,
        cwd: cwd.data,
        env,
        cols: spec.cols ?? 120,
        rows: spec.rows ?? 30,
        isolation: spec.isolated ? await options.isolation : userProcessIsolation,
        confinement: spec.isolated ? (options.confinement?.(taskId) ?? null) : null,
      });
      if (!started.ok) return started;
      const entry = started.data;
      const id = entry.info.id;
      return ok({
        id,
        exited: entry.exited,
        async output(byteLimit) {
          const text = await ptyHost.text(id);
          const exit = entry.info.state === 'exited' ? { exitCode: entry.info.exitCode, signal: entry.info.signal } : null;
          const cut = tailWithinBytes(text?.text ?? '', byteLimit);
          return { output: cut.text, truncated: cut.truncated || (text?.truncated ?? false), exit };
        },
        kill: () => ptyHost.kill(id, graceMs),
        release: () => closeEntry(entry),
      });
    },

    stopTask,

    async close() {
      closing = true;
      await Promise.all([...terminals.values()].map(closeEntry));
      await ptyHost.close();
    },

    watchOutput: (terminalId) => viewers.watch(terminalId),
    ptyHostPid: () => ptyHost.pid,
  };

  async function workspaceVariables(task: Task): Promise<Record<string, string>> {
    return { BRAID_TASK_ID: task.id, ...(await options.workspaceEnvironment?.(task)) };
  }
}

/** The user's own processes: no namespace, stopped by process group, descendants and environment marker. */
const userProcessIsolation = processGroupIsolation('terminals run as the user’s own processes');
