import { maxTerminalInputChars, type TerminalSnapshot } from '../../../src-shared/contract';
import type { Bridge } from '../../bridge/bridge';
import { groundAfter } from './parser-ground';

/** What a stream writes into: an xterm.js `Terminal` (or a headless one in tests). */
export interface TerminalSurface {
  write(data: string, callback?: () => void): void;
  /** Whether the program itself holds the screen's drawing (synchronized output, mode 2026). */
  readonly modes: { readonly synchronizedOutputMode: boolean };
}

/**
 * RIS, a full reset (screen, scrollback, modes), written rather than called: `reset()` acts at
 * once, before output written earlier is parsed, which would then land on the replay.
 */
const fullReset = '\x1bc';

/** How often the rendered position is acknowledged (the host's `ackEveryChars`). */
export const ackEveryChars = 5_000;

/**
 * Output is written to xterm at most this often while it keeps coming: what arrives meanwhile is
 * written as one piece, so a flood is drawn ~20 times a second instead of on every frame (the
 * screen moves too fast to read either way; each redraw of the DOM renderer costs the page
 * style, layout, paint and a commit, ~16 ms here), and ~10 times a second once a piece is a
 * flood's (`floodBatchChars`). A piece after a quiet moment (a keystroke's echo) is written at once.
 */
export const floodFrameMs = 50;
/**
 * About what xterm parses in 2–3 ms here on an idle machine (see `inWrites`). During a flood the
 * page gets a fraction of a core, and writes of 200,000 characters were long tasks: 13–21 of
 * them in `terminal-flood` against 9–13 with these, alternating builds.
 */
const maxWriteChars = 50_000;
/** A piece this long (hundreds of screens) means a flood: the next waits twice as long. */
const floodBatchChars = 200_000;
/**
 * Synchronized output (DEC mode 2026): xterm draws nothing between these, then the screen once.
 * A batch parsed in several slices (xterm yields to the page between writes) is drawn once, not
 * on every frame that falls between its slices.
 */
export const holdDrawing = '\x1b[?2026h';
export const drawNow = '\x1b[?2026l';

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
  /** Output received and not yet written to xterm, and the stream position it ends at. */
  private batch: string[] = [];
  private batchEnd = 0;
  private batchTimer: ReturnType<typeof setTimeout> | undefined;
  /** A batch is written and xterm has not finished parsing it. */
  private parsing = false;
  private lastWriteAt = -Infinity;
  private lastBatchChars = 0;
  /** The parser is in its ground state after what was written (see `groundAfter`): a sequence of ours may go there. */
  private ground = true;

  constructor(
    private readonly api: Pick<Bridge, 'invoke'>,
    readonly taskId: string,
    readonly terminalId: string,
    private readonly surface: TerminalSurface,
    private readonly onError: (message: string | null) => void = () => undefined,
    private readonly frameMs = floodFrameMs,
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
    this.newGeneration();
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
    const generation = this.newGeneration();
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
    this.ground = true; // a snapshot is whole sequences
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
    this.batch.push(piece);
    this.batchEnd = end;
    this.writeWhenDue();
    return true;
  }

  /** Writes the batch now, or once xterm has parsed the last one and a frame's time has passed since it was written. */
  private writeWhenDue(): void {
    if (this.parsing || this.batchTimer !== undefined || this.batch.length === 0) return;
    const wait = this.lastWriteAt + (this.lastBatchChars > floodBatchChars ? 2 * this.frameMs : this.frameMs) - performance.now();
    if (wait > 0) {
      this.batchTimer = setTimeout(() => {
        this.batchTimer = undefined;
        this.writeWhenDue();
      }, wait);
      return;
    }
    const writes = inWrites(this.batch);
    const end = this.batchEnd;
    this.batch = [];
    this.lastBatchChars = writes.reduce((sum, write) => sum + write.length, 0);
    this.parsing = true;
    this.lastWriteAt = performance.now();
    const generation = this.generation;
    // Drawn once when parsed if it takes several writes, unless a sequence of ours would land
    // inside one of the program's, or the program uses synchronized output itself.
    const groundBefore = this.ground;
    this.ground = groundAfter(writes, groundBefore);
    const hold = writes.length > 1 && groundBefore && this.ground && !this.surface.modes.synchronizedOutputMode && !writes.some((write) => write.includes('[?2026'));
    if (hold) writes.unshift(holdDrawing);
    if (hold) writes.push(drawNow);
    writes.forEach((write, index) =>
      this.surface.write(
        write,
        index < writes.length - 1
          ? undefined
          : () => {
              if (generation !== this.generation) return;
              this.parsing = false;
              this.rendered(end);
              this.writeWhenDue();
            },
      ),
    );
  }

  /** A snapshot or a detach: output not written yet is covered by the snapshot or no longer wanted. */
  private newGeneration(): number {
    clearTimeout(this.batchTimer);
    this.batchTimer = undefined;
    this.batch = [];
    this.parsing = false;
    return ++this.generation;
  }

  private rendered(position: number): void {
    if (position - this.acknowledged < ackEveryChars) return;
    this.acknowledged = position;
    void this.api.invoke('terminals.ack', { taskId: this.taskId, terminalId: this.terminalId, position });
  }
}

/**
 * A batch as xterm takes it best: few writes (a write per piece let it redraw between them),
 * none much longer than `maxWriteChars` (xterm parses one write without a pause, and yields to
 * the page only between writes: one write of a megabyte is a long task for the page).
 */
function inWrites(pieces: string[]): string[] {
  const writes: string[] = [];
  let part: string[] = [];
  let partChars = 0;
  for (const piece of pieces) {
    part.push(piece);
    partChars += piece.length;
    if (partChars < maxWriteChars) continue;
    writes.push(part.join(''));
    part = [];
    partChars = 0;
  }
  if (part.length > 0) writes.push(part.join(''));
  return writes;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
