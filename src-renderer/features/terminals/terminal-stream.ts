import { maxTerminalInputChars, type TerminalSnapshot } from '../../../src-shared/contract';
import type { Bridge } from '../../bridge/bridge';

/** What a stream writes into: an xterm.js `Terminal` (or a headless one in tests). */
export interface TerminalSurface {
  write(data: string, callback?: () => void): void;
}

/**
 * RIS, a full reset (screen, scrollback, modes), written rather than called: `reset()` acts at
 * once, before output written earlier is parsed, which would then land on the replay.
 */
const fullReset = '\x1bc';

/** How often the rendered position is acknowledged (the host's `ackEveryChars`). */
export const ackEveryChars = 5_000;

/**
 * One terminal shown in one view. It replays the host's snapshot, then writes each
 * `terminals.data` piece that follows it, in stream order, and acknowledges what xterm has
 * rendered (from xterm's write callback, every ~5,000 characters) so the host can pause a
 * flooding program. A piece that does not continue the stream (events were lost while the
 * connection was down) makes it take a new snapshot; pieces that arrive while a snapshot is on
 * its way wait and are applied after it, from its position.
 */
export class TerminalStream {
  /** End of the last piece written (the stream position the screen stands for, once written). */
  private received = 0;
  private acknowledged = 0;
  /** Pieces waiting for a snapshot; null while none is on its way. */
  private waiting: { from: number; data: string }[] | null = null;
  /** Bumped per snapshot and on detach: callbacks of an older generation are ignored. */
  private generation = 0;
  private attached = false;

  constructor(
    private readonly api: Pick<Bridge, 'invoke'>,
    readonly taskId: string,
    readonly terminalId: string,
    private readonly surface: TerminalSurface,
    private readonly onError: (message: string | null) => void = () => undefined,
  ) {}

  /** Starts showing the terminal: the snapshot first, then the live output. */
  attach(): Promise<void> {
    this.attached = true;
    return this.resync();
  }

  /** Stops showing it; the host stops waiting for this view's acknowledgements. */
  detach(): void {
    if (!this.attached) return;
    this.attached = false;
    this.generation++;
    this.waiting = null;
    void this.api.invoke('terminals.detach', { taskId: this.taskId, terminalId: this.terminalId });
  }

  receive(from: number, data: string): void {
    if (!this.attached) return;
    if (this.waiting) {
      this.waiting.push({ from, data });
      return;
    }
    this.apply(from, data);
  }

  /** Takes a new snapshot and replays it (after a reconnect, or a gap in the stream). */
  async resync(): Promise<void> {
    if (!this.attached) return;
    const generation = ++this.generation;
    this.waiting = [];
    const result = await this.api.invoke('terminals.snapshot', { taskId: this.taskId, terminalId: this.terminalId });
    if (generation !== this.generation || !this.attached) return;
    const pending = this.waiting ?? [];
    this.waiting = null;
    if (!result.ok) {
      this.onError(result.error.message);
      return;
    }
    this.onError(null);
    this.replay(result.data);
    for (const piece of pending) {
      if (!this.apply(piece.from, piece.data)) return;
    }
  }

  /** Sends keystrokes or a paste, in pieces the host accepts, in order. */
  input(data: string): void {
    let start = 0;
    while (start < data.length) {
      let end = Math.min(data.length, start + maxTerminalInputChars);
      // Never split a surrogate pair between two calls.
      if (end < data.length && isHighSurrogate(data.charCodeAt(end - 1))) end--;
      void this.api.invoke('terminals.input', { taskId: this.taskId, terminalId: this.terminalId, data: data.slice(start, end) });
      start = end;
    }
  }

  private replay(snapshot: TerminalSnapshot): void {
    // Not acknowledged: the host counts the snapshot as seen (it watches from its position).
    this.surface.write(fullReset + snapshot.data);
    this.received = snapshot.position;
    this.acknowledged = snapshot.position;
  }

  /** Writes a piece that continues the stream; false (and a resync) when it does not. */
  private apply(from: number, data: string): boolean {
    const end = from + data.length;
    if (end <= this.received) return true; // already in the snapshot
    if (from > this.received) {
      void this.resync();
      return false;
    }
    const piece = from < this.received ? data.slice(this.received - from) : data;
    this.received = end;
    const generation = this.generation;
    this.surface.write(piece, () => {
      if (generation === this.generation) this.rendered(end);
    });
    return true;
  }

  private rendered(position: number): void {
    if (position - this.acknowledged < ackEveryChars) return;
    this.acknowledged = position;
    void this.api.invoke('terminals.ack', { taskId: this.taskId, terminalId: this.terminalId, position });
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
