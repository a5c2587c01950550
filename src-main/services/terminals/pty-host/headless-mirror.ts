import serializeAddon from '@xterm/addon-serialize';
import headless from '@xterm/headless';
import type { IBuffer, Terminal as HeadlessTerminal } from '@xterm/headless';
import type { SnapshotReply, TextReply } from './pty-host-protocol';
import { hasOnlyPlainControls, planMirrorFeed, planPlainPieces } from './scrolled-off-output';

// Both packages are CommonJS bundles whose exports Node cannot list for ESM: take them off the default export.
const { Terminal } = headless;
const { SerializeAddon } = serializeAddon;

/** DEC private modes the serialize addon leaves out but a program relies on after a replay. */
const trackedPrivateModes = [
  25, // cursor visible
  1005, // UTF-8 mouse coordinates
  1006, // SGR mouse coordinates (what TUIs use with any mouse tracking)
  1015, // urxvt mouse coordinates
  1016, // SGR pixel mouse coordinates
] as const;

/**
 * Output is queued and planned (`scrolled-off-output.ts`) once this much has come since the last
 * plan: a flood's lines that will have scrolled out of the scrollback are then passed over
 * instead of parsed. A flood's last `scrollback + 2 × rows` lines stay queued for the next plan,
 * up to twice this much (lines of up to ~600 characters at the default scrollback); a plan is
 * forced once three times this much has come while the mirror was still parsing.
 */
const queueChars = 3_000_000;
/** An escape sequence left open this long (an OSC never terminated, binary output) ends the planning: everything is parsed. */
const longestOpenEscape = 65_536;

/**
 * The host's copy of one terminal's screen (`@xterm/headless`, VS Code's ptyHost approach): fed
 * the same output, in the same pieces, as the views, so a view that reloads, reconnects or is
 * opened again replays it (`snapshot`) and continues with the next piece. The serialize addon
 * restores the buffer, the cursor and the modes xterm exposes; a preamble adds those it does
 * not (cursor visibility, mouse encodings, cursor style), which a TUI set once and expects kept.
 */
export class HeadlessMirror {
  private readonly terminal: HeadlessTerminal;
  private readonly serializer = new SerializeAddon();
  /** Output not planned yet (see `queueChars`), and its length. */
  private queue: string[] = [];
  private queued = 0;
  /** How much of the queue the last plan held back as a flood's last lines: the next plan waits for output beyond it. */
  private held = 0;
  /** How much of the queue the last plan found plain (the tail it held): not scanned again. */
  private plainPrefix = 0;
  /** No piece of the queue has an escape or a control character but the plain ones: planned without joining it. */
  private queueEscapeFree = true;
  /** Characters handed to xterm and not parsed yet: the mirror's backlog, which flow control bounds. */
  private unparsed = 0;
  /** The last plan's escape sequence left open; null once planning stopped (`longestOpenEscape`). */
  private openEscape: string | null = '';
  /** Characters passed over unparsed so far (tests read it). */
  passedOver = 0;
  private readonly privateModes = new Map<number, boolean>();
  private cursorStyle: number | null = null;

  constructor(
    private readonly options: { cols: number; rows: number; scrollback: number; queueChars?: number },
    private readonly onBacklog: (unparsed: number) => void,
  ) {
    // xterm logs a "parsing error" for every DEL a program prints (it ignores the character): on
    // the pty host's stderr, which the host logs, that is noise nobody can act on.
    this.terminal = new Terminal({ cols: options.cols, rows: options.rows, scrollback: options.scrollback, allowProposedApi: true, logLevel: 'off' });
    this.terminal.loadAddon(this.serializer);
    const track = (enabled: boolean) => (params: (number | number[])[]) => {
      for (const param of params) {
        if (typeof param === 'number' && (trackedPrivateModes as readonly number[]).includes(param)) this.privateModes.set(param, enabled);
      }
      return false; // xterm still applies the mode itself
    };
    this.terminal.parser.registerCsiHandler({ prefix: '?', final: 'h' }, track(true));
    this.terminal.parser.registerCsiHandler({ prefix: '?', final: 'l' }, track(false));
    this.terminal.parser.registerCsiHandler({ intermediates: ' ', final: 'q' }, (params) => {
      const style = params[0];
      this.cursorStyle = typeof style === 'number' ? style : 0;
      return false;
    });
  }

  /** Output handed to xterm and not parsed yet: the mirror's share of the terminal's backlog. */
  get backlog(): number {
    return this.unparsed;
  }

  /** The next piece of the terminal's output, in stream order. */
  write(data: string): void {
    if (this.openEscape === null) return this.parse(data);
    this.queue.push(data);
    this.queued += data.length;
    if (this.queueEscapeFree) this.queueEscapeFree = hasOnlyPlainControls(data);
    this.planWhenDue();
  }

  /**
   * Plans the queue once it is long enough and xterm has parsed what it was given (only then
   * can it say whether the scroll region allows passing over), or once it is far too long.
   */
  private planWhenDue(): void {
    const due = this.options.queueChars ?? queueChars;
    const fresh = this.queued - this.held;
    if (fresh >= 3 * due || (fresh >= due && this.unparsed === 0)) this.plan(true);
  }

  /** The mirror brought up to date with everything written (before a snapshot, a resize). */
  private catchUp(): void {
    if (this.queued > 0) this.plan(false);
  }

  /** Parses the queue, passing over what will have scrolled away; `holdTail` keeps the last lines queued for the next plan. */
  private plan(holdTail: boolean): void {
    const options = {
      keepLineFeeds: (this.terminal.options.scrollback ?? this.options.scrollback) + 2 * this.terminal.rows + 2,
      holdTail,
      maxHeld: (this.options.queueChars ?? queueChars) * 2,
      mayPassOver: this.unparsed === 0 && this.wholeScreenScrolls(),
    };
    if (this.queueEscapeFree && this.openEscape === '' && options.mayPassOver) {
      // The usual flood: plain text and line ends, planned piece by piece.
      const feed = planPlainPieces(this.queue, options);
      this.queue = feed.kept;
      this.queued = feed.kept.reduce((sum, piece) => sum + piece.length, 0);
      this.held = this.queued;
      this.plainPrefix = this.queued;
      this.passedOver += feed.passedOver;
      for (const piece of feed.parse) this.parse(piece);
      return;
    }
    const text = this.queue.length === 1 ? this.queue[0]! : this.queue.join('');
    const feed = planMirrorFeed(text, { ...options, openEscape: this.openEscape ?? '', plainPrefix: this.plainPrefix });
    const kept = feed.keepFrom < text.length ? text.slice(feed.keepFrom) : '';
    this.queue = kept ? [kept] : [];
    this.queued = kept.length;
    this.held = feed.waitsForOutput ? kept.length : 0;
    this.plainPrefix = feed.heldPlain ? kept.length : 0;
    this.queueEscapeFree = kept === '' || (feed.heldPlain && hasOnlyPlainControls(kept));
    this.passedOver += feed.passedOver;
    this.openEscape = feed.openEscape.length > longestOpenEscape ? null : feed.openEscape;
    if (feed.parse) this.parse(feed.parse);
  }

  /**
   * Whether the active buffer's scroll region is the whole screen. xterm does not expose the
   * region; read from its core, and taken as "no" should that ever change (then nothing is
   * passed over, which is slower and as correct).
   */
  private wholeScreenScrolls(): boolean {
    const buffer = (this.terminal as unknown as { _core?: { buffer?: { scrollTop?: unknown; scrollBottom?: unknown } } })._core?.buffer;
    return buffer?.scrollTop === 0 && buffer.scrollBottom === this.terminal.rows - 1;
  }

  private parse(data: string): void {
    this.unparsed += data.length;
    this.onBacklog(this.unparsed);
    this.terminal.write(data, () => {
      this.unparsed -= data.length;
      this.onBacklog(this.unparsed);
      if (this.unparsed === 0) this.planWhenDue();
    });
  }

  resize(cols: number, rows: number): void {
    // What came before the resize was written at the old size.
    this.catchUp();
    this.terminal.resize(cols, rows);
  }

  /**
   * The buffer as escape sequences, taken once everything written so far is parsed (the
   * callback of an empty write runs right after the piece before it), so it stands exactly for
   * the stream up to `position`, a boundary between two pieces the views also received.
   */
  snapshot(position: number): Promise<SnapshotReply> {
    this.catchUp();
    return new Promise((resolve) => {
      this.terminal.write('', () => {
        resolve({ data: this.serializer.serialize() + this.modePreamble(), position, cols: this.terminal.cols, rows: this.terminal.rows });
      });
    });
  }

  /** Scrollback and screen as plain text (what an external agent reads as a command's output). */
  text(): Promise<TextReply> {
    this.catchUp();
    return new Promise((resolve) => {
      this.terminal.write('', () => {
        const buffer = this.terminal.buffer.normal;
        resolve({ text: plainText(buffer), truncated: buffer.length >= this.terminal.rows + (this.terminal.options.scrollback ?? 0) });
      });
    });
  }

  dispose(): void {
    this.terminal.dispose();
  }

  private modePreamble(): string {
    let preamble = '';
    for (const [mode, enabled] of this.privateModes) {
      // Only what differs from a fresh terminal: the cursor is visible, no mouse encoding is on.
      if (mode === 25 ? !enabled : enabled) preamble += `\x1b[?${mode}${enabled ? 'h' : 'l'}`;
    }
    if (this.cursorStyle !== null && this.cursorStyle !== 0) preamble += `\x1b[${this.cursorStyle} q`;
    return preamble;
  }
}

function plainText(buffer: IBuffer): string {
  const lines: string[] = [];
  for (let y = 0; y < buffer.length; y++) {
    const line = buffer.getLine(y);
    if (!line) continue;
    const text = line.translateToString(true);
    if (line.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
    else lines.push(text);
  }
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}
