import { spawn, type IPty } from 'node-pty';
import { stopLaunched } from '../../sandbox/stop-launched';
import { HeadlessMirror } from './headless-mirror';
import { flowControl, OutputFlow, type FlowDecision } from './output-flow';
import type { PtyOpenRequest, SnapshotReply, TextReply } from './pty-host-protocol';

export interface PtySessionEvents {
  /** Output arrived: the pty host flushes every session's pending output within ~5 ms. */
  outputPending(session: PtySession): void;
  /** The process ended; sent once its last output was taken with `takeOutput`. */
  exited(session: PtySession, exitCode: number | null, signal: number | null): void;
}

/**
 * One terminal in the pty host: its pty, the headless mirror of its screen, and the flow
 * control between them and the views. Output is gathered until the pty host's next flush,
 * then handed out as one piece that goes, identically, to the views and into the mirror.
 */
export class PtySession {
  readonly pid: number;
  /** Its output is sent to the host (someone is shown it); otherwise it only goes into the mirror. */
  sendOutput: boolean;
  private readonly pty: IPty;
  private readonly mirror: HeadlessMirror;
  private readonly flow = new OutputFlow();
  private pending: string[] = [];
  private pendingLength = 0;
  /** Stream position of the next piece handed out. */
  private position = 0;
  private viewerTimer: NodeJS.Timeout | undefined;
  private exit: { exitCode: number | null; signal: number | null } | undefined;
  private exitReported = false;
  private stopping: Promise<void> | undefined;

  constructor(
    readonly id: string,
    private readonly request: PtyOpenRequest,
    private readonly events: PtySessionEvents,
  ) {
    // Throws when the program cannot be started; the pty host reports that as `failed`.
    this.pty = spawn(request.file, request.args, { name: 'xterm-256color', cols: request.cols, rows: request.rows, cwd: request.cwd, env: request.env });
    this.pid = this.pty.pid;
    this.sendOutput = request.sendOutput;
    this.mirror = new HeadlessMirror(request, (unparsed) => this.apply(this.flow.mirrorBacklog(unparsed)));
    this.pty.onData((data) => {
      this.pending.push(data);
      this.pendingLength += data.length;
      this.apply(this.flow.outputRead(data.length));
      this.events.outputPending(this);
    });
    this.pty.onExit(({ exitCode, signal }) => {
      // node-pty reports after the last output was read (it waits for the pty to close).
      this.exit = { exitCode: signal ? null : exitCode, signal: signal || null };
      clearTimeout(this.viewerTimer);
      this.events.outputPending(this);
    });
  }

  /** Output read but not handed out yet. */
  get pendingChars(): number {
    return this.pendingLength;
  }

  get hasExited(): boolean {
    return this.exit !== undefined;
  }

  /**
   * Output gathered since the last flush, now also in the mirror: as one piece `[from, data]`
   * to send when someone is shown the terminal, otherwise only into the mirror, as read
   * (undefined: joining it would only copy it once more).
   */
  takeOutput(): [from: number, data: string] | undefined {
    if (this.pending.length === 0) return undefined;
    const pieces = this.pending;
    const chars = this.pendingLength;
    this.pending = [];
    this.pendingLength = 0;
    const from = this.position;
    this.position += chars;
    this.apply(this.flow.outputTaken(chars));
    if (!this.sendOutput) {
      for (const piece of pieces) this.mirror.write(piece);
      return undefined;
    }
    const data = pieces.length === 1 ? pieces[0]! : pieces.join('');
    this.mirror.write(data);
    return [from, data];
  }

  /** After the flush that took the last output: tells the pty host the process ended (once). */
  reportExitIfDone(): void {
    if (!this.exit || this.pending.length > 0 || this.exitReported) return;
    this.exitReported = true;
    this.events.exited(this, this.exit.exitCode, this.exit.signal);
  }

  input(data: string): void {
    if (!this.hasExited) this.pty.write(data);
  }

  resize(cols: number, rows: number): void {
    // Same size again (a view re-attaching) would send the program a SIGWINCH for nothing.
    if (this.hasExited || (cols === this.pty.cols && rows === this.pty.rows)) return;
    this.pty.resize(cols, rows);
    this.mirror.resize(cols, rows);
  }

  acknowledge(position: number): void {
    this.apply(this.flow.acknowledge(position), { viewerSpoke: true });
  }

  detach(): void {
    this.apply(this.flow.unwatch());
  }

  async snapshot(): Promise<SnapshotReply> {
    const snapshot = await this.mirror.snapshot(this.position);
    this.apply(this.flow.attach(snapshot.position), { viewerSpoke: true });
    return snapshot;
  }

  text(): Promise<TextReply> {
    return this.mirror.text();
  }

  /** SIGTERM to the process and everything it started, SIGKILL after `graceMs`; resolves when they are gone. */
  stop(graceMs: number): Promise<void> {
    // A paused pty would keep its process blocked on output nobody reads, and keep its exit unreported.
    this.pty.resume();
    this.stopping ??= stopLaunched(this.pid, this.request.stop, graceMs).finally(() => (this.stopping = undefined));
    return this.stopping;
  }

  dispose(): void {
    clearTimeout(this.viewerTimer);
    this.mirror.dispose();
  }

  private apply(decision: FlowDecision, { viewerSpoke = false } = {}): void {
    if (decision === 'pause' && !this.hasExited) this.pty.pause();
    if (decision === 'resume') this.pty.resume();
    this.watchViewer(viewerSpoke);
  }

  /**
   * A pause that waits for a view which then says nothing for `viewerTimeoutMs` (the page was
   * closed or reloaded) ends: the output runs on at the mirror's pace until a view speaks again.
   */
  private watchViewer(viewerSpoke: boolean): void {
    if (!this.flow.waitingForViewer || this.hasExited) {
      clearTimeout(this.viewerTimer);
      this.viewerTimer = undefined;
      return;
    }
    if (this.viewerTimer && !viewerSpoke) return;
    clearTimeout(this.viewerTimer);
    this.viewerTimer = setTimeout(() => {
      this.viewerTimer = undefined;
      this.apply(this.flow.unwatch());
    }, flowControl.viewerTimeoutMs);
  }
}
