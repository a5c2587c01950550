import { spawn as spawnPty } from 'node-pty';
import type { CommandConfinement, CommandIsolation } from './command-isolation';
import { stopLaunched } from './stop-launched';

export interface SandboxedPtyOptions {
  isolation: CommandIsolation;
  /** The program and its arguments, e.g. a shell with `-c` and the command line. */
  argv: readonly string[];
  cwd: string;
  /** The complete environment. */
  env: Record<string, string>;
  /** Run it in the sandbox. */
  confinement?: CommandConfinement | null;
  cols?: number;
  rows?: number;
}

export interface SandboxedPty {
  /** The host's pid of the process the pty runs (the isolation's wrapper, when there is one). */
  pid: number;
  /** The isolation it runs under, e.g. for telling the user what a stop can reach. */
  isolation: CommandIsolation;
  onData(listener: (data: string) => void): { dispose(): void };
  /**
   * The command's exit code; null when it was stopped by a signal. Inside a PID namespace the
   * wrapper reports a command killed by signal N as 128 + N, as shells do.
   */
  exited: Promise<number | null>;
  /** SIGTERM to the command and everything it started, SIGKILL after `graceMs`; resolves when they are gone. */
  stop(graceMs: number): Promise<void>;
  /**
   * After the command ended by itself: stops whatever it left running. In a PID namespace
   * nothing can be left (the kernel ended the namespace with its init); without one this is
   * where detached processes are found and stopped.
   */
  sweep(graceMs: number): Promise<void>;
}

/**
 * Starts one command in a pseudo-terminal under the machine's isolation: a terminal so programs
 * behave as they would for a user (colours, line buffering, progress output), the isolation so
 * everything the command starts is accounted for and goes down with it.
 */
export function spawnSandboxedPty(options: SandboxedPtyOptions): SandboxedPty {
  const launch = options.isolation.launch({ argv: options.argv, cwd: options.cwd, env: options.env, confinement: options.confinement });
  const terminal = spawnPty(launch.file, launch.args, {
    name: 'xterm-256color',
    cols: options.cols ?? 160,
    rows: options.rows ?? 48,
    cwd: launch.cwd,
    env: launch.env,
  });
  const exited = new Promise<number | null>((resolve) => {
    const subscription = terminal.onExit(({ exitCode, signal }) => {
      subscription.dispose();
      resolve(signal ? null : exitCode);
    });
  });
  const stopTree = (graceMs: number) => stopLaunched(terminal.pid, launch.stop, graceMs);
  return {
    pid: terminal.pid,
    isolation: options.isolation,
    onData: (listener) => terminal.onData(listener),
    exited,
    stop: stopTree,
    sweep: (graceMs) => (launch.stop.kind === 'namespace' ? Promise.resolve() : stopTree(graceMs)),
  };
}
