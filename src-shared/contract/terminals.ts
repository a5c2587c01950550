import { z } from 'zod';
import { idSchema } from './id';

/**
 * Terminals (U2): shells and commands in a task's worktree, run by the host's pty host and
 * shown with xterm.js. Output reaches the renderer as `terminals.data` events carrying their
 * position in the terminal's output stream (UTF-16 code units since the terminal started), so a
 * view can tell a gap (a reconnect) from the next piece, replay a snapshot and continue exactly
 * where it ends, and acknowledge what it has rendered (flow control).
 */

/** 128 random bits as hex: a terminal id cannot be guessed from another one. */
export const terminalIdSchema = z.string().regex(/^[0-9a-f]{32}$/, 'not a terminal id');

/** What one `terminals.input` may carry; the renderer splits longer pastes. */
export const maxTerminalInputChars = 65_536;
export const terminalColsSchema = z.number().int().min(2).max(1_000);
export const terminalRowsSchema = z.number().int().min(1).max(500);

export const terminalSchema = z.object({
  id: terminalIdSchema,
  taskId: idSchema,
  /** "Terminal 2", or what a command terminal runs ("Setup: npm ci"). */
  title: z.string(),
  /** `shell`: the user's login shell; `command`: one command run for Braid (an external agent's, a setup script). */
  kind: z.enum(['shell', 'command']),
  /** The command line of a `command` terminal; null for a shell. */
  command: z.string().nullable(),
  state: z.enum(['running', 'exited']),
  /** Set once exited: the exit code, or null when it ended by a signal. */
  exitCode: z.number().int().nullable(),
  signal: z.number().int().nullable(),
  cols: terminalColsSchema,
  rows: terminalRowsSchema,
  /** Lines the host keeps above the screen (and the view should keep too). */
  scrollback: z.number().int().min(0),
  createdAt: z.number(),
});
export type TerminalInfo = z.infer<typeof terminalSchema>;

/** The serialized screen and scrollback of a terminal as of `position`, for a view to replay. */
export const terminalSnapshotSchema = z.object({
  /** Escape sequences that redraw the buffer and restore the terminal's modes. */
  data: z.string(),
  /** Stream position the snapshot stands for: `terminals.data` from here on follows it. */
  position: z.number().int().min(0),
  cols: terminalColsSchema,
  rows: terminalRowsSchema,
});
export type TerminalSnapshot = z.infer<typeof terminalSnapshotSchema>;

const terminalRef = { taskId: idSchema, terminalId: terminalIdSchema };
const done = z.object({});

/** Spread into `methods`. Every call names the task; a terminal of another task is `NOT_FOUND`. */
export const terminalMethods = {
  /** Opens the user's login shell in the task's worktree (`WORKSPACE_NOT_READY` otherwise). */
  'terminals.open': {
    input: z.object({ taskId: idSchema, cols: terminalColsSchema, rows: terminalRowsSchema }).strict(),
    output: terminalSchema,
  },
  /** The task's terminals, oldest first, running and exited (until closed). */
  'terminals.list': { input: z.object({ taskId: idSchema }).strict(), output: z.array(terminalSchema) },
  /** Keystrokes and pastes; `TERMINAL_EXITED` once the terminal's process ended. */
  'terminals.input': {
    input: z.object({ ...terminalRef, data: z.string().min(1).max(maxTerminalInputChars, `at most ${maxTerminalInputChars} characters per call`) }).strict(),
    output: done,
  },
  'terminals.resize': { input: z.object({ ...terminalRef, cols: terminalColsSchema, rows: terminalRowsSchema }).strict(), output: done },
  /**
   * The view has rendered the output up to `position` (sent every ~5,000 characters from
   * xterm's write callback). The host pauses a terminal whose output runs more than ~100,000
   * characters ahead of what was acknowledged and resumes it below ~5,000.
   */
  'terminals.ack': { input: z.object({ ...terminalRef, position: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }).strict(), output: done },
  /**
   * A view stopped showing the terminal (the user went to another task): its output no longer
   * waits for that view. Another view's next acknowledgement makes it wait for that one again.
   */
  'terminals.detach': { input: z.object(terminalRef).strict(), output: done },
  /**
   * The screen and scrollback to replay after a reload, a reconnect or reopening the task; the
   * view watches from `position`, and this connection gets the terminal's output from then on.
   */
  'terminals.snapshot': { input: z.object(terminalRef).strict(), output: terminalSnapshotSchema },
  /** Ends the terminal's process and everything it started, and forgets the terminal. */
  'terminals.close': { input: z.object(terminalRef).strict(), output: z.object({ closed: z.literal(true) }) },
} as const;

export const terminalEvents = {
  /**
   * Output of one terminal, batched (~5 ms); `from` is its stream position. Sent only to
   * connections that show the terminal: from their `terminals.snapshot` until their
   * `terminals.detach` (or they disconnect).
   */
  'terminals.data': z.object({ terminalId: terminalIdSchema, from: z.number().int().min(0), data: z.string() }),
  /** A task's terminals changed: opened, exited or closed (also for terminals Braid opened itself). */
  'terminals.changed': z.object({ taskId: idSchema, terminals: z.array(terminalSchema) }),
} as const;
