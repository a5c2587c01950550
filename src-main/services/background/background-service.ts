import type { BackgroundService as BackgroundServiceInfo } from '../../../src-shared/contract';
import type { CommandConfinement, CommandIsolation } from '../sandbox/command-isolation';
import { spawnSandboxedPty, type SandboxedPty } from '../sandbox/sandboxed-pty';
import { HeadTailBuffer } from '../tools/output-cap';
import { plainTerminalText } from '../tools/terminal-text';

export interface ServiceSpec {
  /** A short label for people, e.g. "dev server". */
  name: string;
  /** The command line as the agent wrote it (shown, never parsed). */
  command: string;
  /** What is spawned: a shell with the command line. */
  argv: readonly string[];
  cwd: string;
  /** The complete environment. */
  env: Record<string, string>;
  /** Run it in the sandbox. */
  confinement?: CommandConfinement | null;
}

export type WaitOutcome = 'seen' | 'exited' | 'timed-out' | 'cancelled';

/** Characters of output kept per service: how it started, and the latest. */
const keptHead = 2_000;
const keptTail = 8_000;

/**
 * One long-lived command of a task, in a pty under the machine's isolation. Keeps the start
 * and the latest of its output; stopping it takes down everything it started.
 */
export class BackgroundService {
  readonly startedAt: number;
  private readonly terminal: SandboxedPty;
  private readonly output = new HeadTailBuffer(keptHead, keptTail);
  private exitCode: number | null = null;
  private ended = false;
  private readonly outputListeners = new Set<() => void>();
  /** Resolves when the service's process has ended, by itself or by a stop. */
  readonly exited: Promise<void>;

  constructor(
    readonly id: string,
    readonly taskId: string,
    private readonly spec: ServiceSpec,
    isolation: CommandIsolation,
    hooks: { now: () => number; onOutput: () => void; onExit: () => void },
  ) {
    this.startedAt = hooks.now();
    this.terminal = spawnSandboxedPty({ isolation, argv: spec.argv, cwd: spec.cwd, env: spec.env, confinement: spec.confinement });
    this.terminal.onData((data) => {
      this.output.push(data);
      for (const listener of this.outputListeners) listener();
      hooks.onOutput();
    });
    this.exited = this.terminal.exited.then((code) => {
      this.exitCode = code;
      this.ended = true;
      for (const listener of this.outputListeners) listener();
      hooks.onExit();
    });
  }

  get running(): boolean {
    return !this.ended;
  }

  get pid(): number {
    return this.terminal.pid;
  }

  /** SIGTERM to the service and everything it started, SIGKILL after `graceMs`; resolves when they are gone. */
  async stop(graceMs: number): Promise<void> {
    if (this.ended) return;
    await this.terminal.stop(graceMs);
    await this.exited;
  }

  /** After the service ended by itself: stops whatever it left running (nothing, in a PID namespace). */
  sweep(graceMs: number): Promise<void> {
    return this.terminal.sweep(graceMs);
  }

  /** Plain text: how it started and the latest, with a marker where output was left out. */
  recentOutput(): string {
    const { head, tail, omitted } = this.output.snapshot();
    if (omitted === 0) return plainTerminalText(head + tail);
    // The tail may begin inside a line (or an escape sequence): start it at the next line.
    const fromLine = tail.indexOf('\n') === -1 ? tail : tail.slice(tail.indexOf('\n') + 1);
    return `${plainTerminalText(head)}\n[… ${omitted.toLocaleString('en-US')} characters left out …]\n${plainTerminalText(fromLine)}`;
  }

  /**
   * Waits until `text` appears in the output (or, with no text, for `ms`), the service ends,
   * `ms` pass, or `signal` aborts.
   */
  waitFor(text: string | null, ms: number, signal: AbortSignal): Promise<WaitOutcome> {
    return new Promise((resolve) => {
      const check = () => {
        if (text !== null && this.recentOutput().includes(text)) finish('seen');
        else if (this.ended) finish('exited');
      };
      const timer = setTimeout(() => finish('timed-out'), ms);
      const onAbort = () => finish('cancelled');
      const finish = (outcome: WaitOutcome) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        this.outputListeners.delete(check);
        resolve(outcome);
      };
      if (signal.aborted) return finish('cancelled');
      signal.addEventListener('abort', onAbort, { once: true });
      this.outputListeners.add(check);
      check();
    });
  }

  info(): BackgroundServiceInfo {
    return {
      id: this.id,
      taskId: this.taskId,
      name: this.spec.name,
      command: this.spec.command,
      pid: this.terminal.pid,
      startedAt: this.startedAt,
      state: this.ended ? 'exited' : 'running',
      exitCode: this.exitCode,
      recentOutput: this.recentOutput(),
    };
  }
}
