import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stopLaunched } from '../../sandbox/stop-launched';
import type { FromPtyHost, PtyOpenRequest, SnapshotReply, TextReply, ToPtyHost } from './pty-host-protocol';

/** The pty host's program: TypeScript next to this file in tests and scripts, a built chunk in the app. */
const programUrl = new URL('./pty-host-main.ts', import.meta.url);

export type PtySpawnSpec = Omit<PtyOpenRequest, 'type' | 'id'>;

export interface PtyListener {
  /** Output in stream order; `from` is its position. */
  data(from: number, data: string): void;
  /** After the last output. `exitCode` null: ended by a signal, or the pty host died. */
  exit(exitCode: number | null, signal: number | null): void;
}

interface Terminal {
  spec: PtySpawnSpec;
  listener: PtyListener;
  pid?: number;
  started?: (outcome: { pid: number } | { error: string }) => void;
  exited: boolean;
}

type Reply = Extract<FromPtyHost, { type: 'reply' }>;
/** A request as the caller writes it; the connection numbers it. */
type Request = Extract<ToPtyHost, { requestId: number }> extends infer R ? (R extends unknown ? Omit<R, 'requestId'> : never) : never;

/** When the pty host died, processes it left get this long between SIGTERM and SIGKILL. */
const orphanGraceMs = 1_000;

/** One pty host process and the terminals it runs. */
class PtyHostConnection {
  readonly child: ChildProcess;
  readonly terminals = new Map<string, Terminal>();
  private readonly replies = new Map<number, (reply: Reply | undefined) => void>();
  private nextRequestId = 1;
  ended = false;
  readonly gone: Promise<void>;

  constructor(private readonly onEnded: (connection: PtyHostConnection) => void) {
    const program = fileURLToPath(programUrl);
    // A larger young generation (32 MB semi-spaces, V8's default is 16): a flood's output lives
    // in the mirrors' queues for about a second, and fewer of its pieces outlive a scavenge into
    // the old generation. In terminal-flood, alternating builds: 1.24-1.66 s of the pty host's
    // CPU against 1.28-1.76 s, and 224-238 MB resident against 256-273 MB.
    this.child = spawn(process.execPath, ['--max-semi-space-size=32', ...(program.endsWith('.ts') ? ['--import', 'tsx'] : []), program], {
      // The desktop app's executable is Electron: this makes it run the pty host as plain Node.
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      serialization: 'advanced',
      windowsHide: true,
      // A session of its own (setsid). On Linux that is its own scheduling group (autogroup,
      // on by default): each terminal is a session too, and a flood in eight of them left the
      // pty host a ninth of the CPU, shared with the host and, in the desktop app, the UI, while
      // the programs it must read from waited on full ptys. terminal-flood, alternating builds:
      // ratio 1.56-1.84 against 1.79-2.04. It ends when the channel closes (the host exited or
      // was killed), no longer with a signal to the host's process group.
      detached: process.platform !== 'win32',
    });
    this.child.on('message', (message: FromPtyHost) => this.receive(message));
    this.gone = new Promise((resolve) => {
      // A process that could not be started gets 'error' and no 'exit'.
      this.child.once('error', () => resolve(this.end()));
      this.child.once('exit', () => resolve(this.end()));
    });
    this.idle();
  }

  open(id: string, spec: PtySpawnSpec, listener: PtyListener): Promise<{ pid: number } | { error: string }> {
    return new Promise((resolve) => {
      if (this.ended) return resolve({ error: 'the pty host is not running' });
      this.terminals.set(id, { spec, listener, exited: false, started: resolve });
      this.busy();
      this.send({ type: 'open', id, ...spec });
    });
  }

  send(message: ToPtyHost): boolean {
    if (this.ended || !this.child.connected) return false;
    try {
      this.child.send(message);
      return true;
    } catch {
      return false; // the channel just closed; `end` settles what waited
    }
  }

  request(message: Request): Promise<Reply | undefined> {
    const requestId = this.nextRequestId++;
    return new Promise((resolve) => {
      this.replies.set(requestId, resolve);
      if (!this.send({ ...message, requestId } as ToPtyHost)) {
        this.replies.delete(requestId);
        resolve(undefined);
      }
    });
  }

  forget(id: string): void {
    this.terminals.delete(id);
    if (this.terminals.size === 0) this.idle();
  }

  stop(): void {
    if (this.child.connected) this.child.disconnect();
  }

  private receive(message: FromPtyHost): void {
    switch (message.type) {
      case 'started': {
        const terminal = this.terminals.get(message.id);
        if (!terminal) return;
        terminal.pid = message.pid;
        terminal.started?.({ pid: message.pid });
        terminal.started = undefined;
        return;
      }
      case 'failed': {
        const terminal = this.terminals.get(message.id);
        this.forget(message.id);
        terminal?.started?.({ error: message.message });
        return;
      }
      case 'data':
        for (const [id, from, data] of message.chunks) this.terminals.get(id)?.listener.data(from, data);
        return;
      case 'exit': {
        const terminal = this.terminals.get(message.id);
        if (!terminal || terminal.exited) return;
        terminal.exited = true;
        terminal.listener.exit(message.exitCode, message.signal);
        return;
      }
      case 'reply': {
        const resolve = this.replies.get(message.requestId);
        this.replies.delete(message.requestId);
        resolve?.(message);
        return;
      }
    }
  }

  /**
   * The pty host is gone. Its terminals end; processes it left behind (a namespace dies with
   * it, a process group may not) are stopped from here, as their isolation says.
   */
  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.onEnded(this);
    for (const resolve of this.replies.values()) resolve(undefined);
    this.replies.clear();
    for (const terminal of this.terminals.values()) {
      terminal.started?.({ error: 'the pty host ended' });
      if (terminal.pid !== undefined) void stopLaunched(terminal.pid, terminal.spec.stop, orphanGraceMs).catch(() => undefined);
      if (!terminal.exited && terminal.pid !== undefined) {
        terminal.exited = true;
        terminal.listener.exit(null, null);
      }
    }
    this.terminals.clear();
  }

  /** Idle, the pty host must not keep Braid alive; running terminals do. */
  private idle(): void {
    this.child.unref();
    this.child.channel?.unref();
  }

  private busy(): void {
    this.child.ref();
    this.child.channel?.ref();
  }
}

/**
 * The host's side of the pty host (pty-host-main.ts): a process started with the first terminal
 * and again after it died, that runs every terminal's pty and headless mirror. Calls for a
 * terminal the pty host no longer has are ignored (input, resize, ack) or answered with
 * `undefined` (snapshot, text).
 */
export class PtyHost {
  private connection: PtyHostConnection | null = null;

  /** The pty host's pid while it runs (diagnostics and tests). */
  get pid(): number | undefined {
    return this.connection?.ended === false ? this.connection.child.pid : undefined;
  }

  async open(id: string, spec: PtySpawnSpec, listener: PtyListener): Promise<{ pid: number } | { error: string }> {
    return this.current().open(id, spec, listener);
  }

  input(id: string, data: string): void {
    this.to(id)?.send({ type: 'input', id, data });
  }

  resize(id: string, cols: number, rows: number): void {
    this.to(id)?.send({ type: 'resize', id, cols, rows });
  }

  acknowledge(id: string, position: number): void {
    this.to(id)?.send({ type: 'ack', id, position });
  }

  detach(id: string): void {
    this.to(id)?.send({ type: 'detach', id });
  }

  /** Whether the terminal's output is sent here from now on (someone is shown it). */
  sendOutput(id: string, send: boolean): void {
    this.to(id)?.send({ type: 'sendOutput', id, send });
  }

  async snapshot(id: string): Promise<SnapshotReply | undefined> {
    return (await this.to(id)?.request({ type: 'snapshot', id }))?.snapshot;
  }

  async text(id: string): Promise<TextReply | undefined> {
    return (await this.to(id)?.request({ type: 'text', id }))?.text;
  }

  /** Stops the terminal's process tree; the terminal stays (with its screen) until disposed. */
  async kill(id: string, graceMs: number): Promise<void> {
    await this.to(id)?.request({ type: 'kill', id, graceMs });
  }

  /** Stops the terminal's process tree if it runs, then forgets the terminal. */
  async dispose(id: string, graceMs: number): Promise<void> {
    const connection = this.to(id);
    if (!connection) return;
    await connection.request({ type: 'dispose', id, graceMs });
    connection.forget(id);
  }

  /** Ends the pty host: it stops every terminal's process tree, then exits. Resolves when it has. */
  async close(): Promise<void> {
    const connection = this.connection;
    if (!connection) return;
    connection.stop();
    await connection.gone;
  }

  private to(id: string): PtyHostConnection | undefined {
    const connection = this.connection;
    return connection && !connection.ended && connection.terminals.has(id) ? connection : undefined;
  }

  private current(): PtyHostConnection {
    if (!this.connection || this.connection.ended) {
      this.connection = new PtyHostConnection((ended) => {
        if (this.connection === ended) this.connection = null;
      });
    }
    return this.connection;
  }
}
