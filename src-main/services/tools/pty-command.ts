import { existsSync } from 'node:fs';
import type { CommandConfinement, CommandIsolation } from '../sandbox/command-isolation';
import { spawnSandboxedPty } from '../sandbox/sandboxed-pty';
import { HeadTailBuffer } from './output-cap';
import { plainTerminalText } from './terminal-text';
import { gitIdentityFallback } from '../git/run-git';

export interface PtyCommandOptions {
  command: string;
  /** How the command is isolated from the host (see `../sandbox/`). */
  isolation: CommandIsolation;
  /** Run it in the sandbox (full auto, or a project that always sandboxes). */
  confinement?: CommandConfinement | null;
  cwd: string;
  /** Added on top of the host's environment. */
  env: Record<string, string>;
  timeoutMs: number;
  /** Aborting stops the command and everything it started. */
  signal: AbortSignal;
  /** Raw terminal output (colours included), batched every `flushMs`. */
  onOutput?: (chunk: string) => void;
  flushMs: number;
  /** Characters of output kept for the result: a third from the start, the rest from the end. */
  maxOutputChars: number;
  /** Time between SIGTERM and SIGKILL. */
  killGraceMs: number;
  /** Shell and the arguments before the command; default bash (else sh) with `-c`. */
  shell?: { file: string; args: string[] };
}

export interface PtyCommandOutcome {
  /** The shell's exit code; null when it was stopped by a signal (128 + N inside a PID namespace). */
  exitCode: number | null;
  ending: 'exited' | 'timed-out' | 'cancelled';
  /** Plain text for the model, head and tail kept, a marker where output was cut. */
  output: string;
  omittedChars: number;
  durationMs: number;
}

/**
 * Runs one shell command in a pseudo-terminal, so programs behave as they would for a user
 * (line buffering, progress output) while their output streams to the UI. It runs under the
 * machine's isolation (its own PID namespace where possible), which is what lets a timeout or
 * a Stop take everything it started down; whatever the command leaves running in the
 * background is stopped too, so no process outlives its tool call.
 */
export function runInPty(options: PtyCommandOptions): Promise<PtyCommandOutcome> {
  const started = Date.now();
  if (options.signal.aborted) {
    return Promise.resolve({ exitCode: null, ending: 'cancelled', output: '', omittedChars: 0, durationMs: 0 });
  }
  const shell = options.shell ?? defaultShell();
  const terminal = spawnSandboxedPty({
    isolation: options.isolation,
    argv: [shell.file, ...shell.args, options.command],
    cwd: options.cwd,
    confinement: options.confinement,
    env: hostEnvironmentWith(options.env),
  });

  const kept = new HeadTailBuffer(Math.floor(options.maxOutputChars / 3), Math.ceil((options.maxOutputChars * 2) / 3));
  let unsent = '';
  let flushTimer: NodeJS.Timeout | undefined;
  const flush = () => {
    flushTimer = undefined;
    if (unsent === '') return;
    const chunk = unsent;
    unsent = '';
    options.onOutput?.(chunk);
  };
  const dataSubscription = terminal.onData((data) => {
    kept.push(data);
    if (!options.onOutput) return;
    unsent += data;
    flushTimer ??= setTimeout(flush, options.flushMs);
  });

  let ending: PtyCommandOutcome['ending'] = 'exited';
  const stop = (why: PtyCommandOutcome['ending']) => {
    if (ending !== 'exited') return;
    ending = why;
    void terminal.stop(options.killGraceMs);
  };
  const timeout = setTimeout(() => stop('timed-out'), options.timeoutMs);
  const onAbort = () => stop('cancelled');
  options.signal.addEventListener('abort', onAbort, { once: true });

  return terminal.exited.then((exitCode) => {
    clearTimeout(timeout);
    options.signal.removeEventListener('abort', onAbort);
    if (flushTimer) clearTimeout(flushTimer);
    flush();
    dataSubscription.dispose();
    // Background jobs the command left behind would otherwise outlive the call.
    if (ending === 'exited') void terminal.sweep(options.killGraceMs);
    const { head, tail, omitted } = kept.snapshot();
    const output =
      omitted > 0
        ? `${plainTerminalText(head)}\n[… ${omitted.toLocaleString('en-US')} characters of output cut …]\n${plainTerminalText(tail)}`
        : plainTerminalText(head + tail);
    return { exitCode, ending, output, omittedChars: omitted, durationMs: Date.now() - started };
  });
}

/** The host's environment with `extra` on top, without the variables Node leaves undefined. */
export function hostEnvironmentWith(extra: Record<string, string>): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) environment[name] = value;
  return { ...environment, ...gitIdentityFallback(), ...extra };
}

export function defaultShell(): { file: string; args: string[] } {
  if (process.platform === 'win32') return { file: process.env.ComSpec ?? 'cmd.exe', args: ['/d', '/s', '/c'] };
  // Not a login shell: a login profile may reset PATH and would make runs depend on dotfiles.
  return { file: existsSync('/bin/bash') ? '/bin/bash' : '/bin/sh', args: ['-c'] };
}
