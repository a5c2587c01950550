import type { StopStrategy } from '../../sandbox/command-isolation';

/**
 * Messages between the host and its pty host (pty-host-main.ts), over the child's IPC channel
 * with advanced serialization. Terminal output travels as strings: node-pty decodes UTF-8
 * already (never splitting a character), xterm.js takes strings, and a string costs the
 * serializer less than bytes plus a second decode would (see the README for the measurement).
 */

export interface PtyOpenRequest {
  type: 'open';
  id: string;
  file: string;
  args: string[];
  cwd: string;
  /** The complete environment. */
  env: Record<string, string>;
  cols: number;
  rows: number;
  /** Lines the headless mirror keeps above the screen. */
  scrollback: number;
  /** How the process and everything it started is stopped (from the isolation's launch). */
  stop: StopStrategy;
  /** Whether its output is sent to the host (someone is shown it); it goes into the mirror either way. */
  sendOutput: boolean;
}

export type ToPtyHost =
  | PtyOpenRequest
  | { type: 'input'; id: string; data: string }
  | { type: 'resize'; id: string; cols: number; rows: number }
  /** A view rendered the output up to `position`. */
  | { type: 'ack'; id: string; position: number }
  /** The view went away: output no longer waits for acknowledgements. */
  | { type: 'detach'; id: string }
  /** Someone is shown the terminal now (its output is sent from here on), or nobody is any more. */
  | { type: 'sendOutput'; id: string; send: boolean }
  | { type: 'snapshot'; id: string; requestId: number }
  | { type: 'text'; id: string; requestId: number }
  /** Stops the process tree (SIGTERM, SIGKILL after `graceMs`); the session stays for its output. */
  | { type: 'kill'; id: string; requestId: number; graceMs: number }
  /** Stops the process tree if it still runs, then drops the session and its mirror. */
  | { type: 'dispose'; id: string; requestId: number; graceMs: number };

export interface SnapshotReply {
  data: string;
  position: number;
  cols: number;
  rows: number;
}

export interface TextReply {
  /** The mirror's scrollback and screen as plain text, wrapped lines joined. */
  text: string;
  /** Lines were dropped off the top of the scrollback. */
  truncated: boolean;
}

export type FromPtyHost =
  | { type: 'started'; id: string; pid: number }
  | { type: 'failed'; id: string; message: string }
  /** Output batched over ~5 ms across all terminals: `[id, from, data]`, in order per terminal. */
  | { type: 'data'; chunks: [id: string, from: number, data: string][] }
  /** Sent after the terminal's last output. `exitCode` is null when a signal ended it. */
  | { type: 'exit'; id: string; exitCode: number | null; signal: number | null }
  | { type: 'reply'; requestId: number; snapshot?: SnapshotReply; text?: TextReply; error?: string };
