/**
 * Flow control of one terminal's output (after VS Code's FlowControlConstants): the pty is
 * paused while more than `highWatermarkChars` of its output wait at the view, unacknowledged,
 * and resumed once fewer than `lowWatermarkChars` do. VS Code's marks are 100,000 / 5,000; a
 * view here writes what arrives within a frame (50 ms, 100 ms in a flood) as one piece and
 * acknowledges it once parsed, so the mark caps a view at about one mark per frame: 100,000
 * allowed 2 MB/s, and 1,000,000 (10 MB/s) left the terminal on screen seconds behind the others
 * in `terminal-flood` (eight flooding at once: it ended 0.5–1.0 s after them, the page parsing
 * what was left at the cap). 2,000,000, resumed at half of it so the pty stays busy while the
 * view parses: the lag 0.15–0.6 s, the ratio 1.43–1.89 against 1.76–1.80 (alternating builds).
 * What is in flight after Ctrl+C then takes the view ~100 ms to parse (200,000 characters take
 * it ~10 ms here). The headless mirror's backlog is bounded the same way, with
 * its own marks, so the pty host's memory is bounded even when no view watches. Positions count
 * UTF-16 code units from the terminal's start.
 */
export const flowControl = {
  highWatermarkChars: 2_000_000,
  lowWatermarkChars: 1_000_000,
  mirrorHighWatermarkChars: 1_000_000,
  mirrorLowWatermarkChars: 250_000,
  /** How often a view acknowledges (the renderer's side of the same rule). */
  ackEveryChars: 5_000,
  /**
   * A paused terminal whose view sent nothing for this long is taken as unwatched (the page
   * was closed or reloaded): it runs on at the mirror's pace until a view acknowledges again.
   */
  viewerTimeoutMs: 3_000,
} as const;

export type FlowDecision = 'pause' | 'resume' | null;

export class OutputFlow {
  /** Everything read from the pty so far. */
  private read = 0;
  /** Output handed on (to the views and the mirror) so far. */
  private taken = 0;
  /** Output the headless mirror has to parse still. */
  private mirrorUnparsed = 0;
  private acknowledged = 0;
  private watched = false;
  private paused = false;

  constructor(
    private readonly limits = {
      high: flowControl.highWatermarkChars,
      low: flowControl.lowWatermarkChars,
      mirrorHigh: flowControl.mirrorHighWatermarkChars,
      mirrorLow: flowControl.mirrorLowWatermarkChars,
    },
  ) {}

  get isPaused(): boolean {
    return this.paused;
  }

  get isWatched(): boolean {
    return this.watched;
  }

  /** Waiting at the view (0 while nobody watches). */
  get unacknowledged(): number {
    return this.watched ? this.read - this.acknowledged : 0;
  }

  /** Output not handed on yet (a host too busy to read holds it back) and what the mirror has to parse still. */
  get unparsed(): number {
    return this.read - this.taken + this.mirrorUnparsed;
  }

  outputRead(chars: number): FlowDecision {
    this.read += chars;
    return this.decide();
  }

  /** Output was handed on to the views and the mirror. */
  outputTaken(chars: number): FlowDecision {
    this.taken += chars;
    return this.decide();
  }

  /** The mirror's backlog changed: it has `unparsed` characters to parse still. */
  mirrorBacklog(unparsed: number): FlowDecision {
    this.mirrorUnparsed = unparsed;
    return this.decide();
  }

  /**
   * A view rendered up to `position`. Several views (two windows) each acknowledge; the one
   * furthest along counts, and nothing beyond what was read.
   */
  acknowledge(position: number): FlowDecision {
    this.watched = true;
    this.acknowledged = Math.max(this.acknowledged, Math.min(position, this.read));
    return this.decide();
  }

  /** A view took a snapshot at `position`: it watches from there. */
  attach(position: number): FlowDecision {
    return this.acknowledge(position);
  }

  /** The view stopped answering: output no longer waits for it. */
  unwatch(): FlowDecision {
    this.watched = false;
    return this.decide();
  }

  /** Whether the pause is the view's doing (the mirror alone would let the output run). */
  get waitingForViewer(): boolean {
    return this.paused && this.watched && this.unacknowledged >= this.limits.low;
  }

  private decide(): FlowDecision {
    const { high, low, mirrorHigh, mirrorLow } = this.limits;
    if (!this.paused && (this.unacknowledged > high || this.unparsed > mirrorHigh)) {
      this.paused = true;
      return 'pause';
    }
    if (this.paused && this.unacknowledged < low && this.unparsed < mirrorLow) {
      this.paused = false;
      return 'resume';
    }
    return null;
  }
}
