/* eslint-disable no-control-regex -- this file exists to read control sequences */
/**
 * Output a terminal's screen will never show: in a flood, everything but the last few thousand
 * lines scrolls out of the scrollback, and parsing it into the headless mirror only to drop it
 * cost the pty host as much CPU as the view's rendering. This finds the part of a run of the
 * mirror's queue that can be left unparsed without changing what the mirror ends up holding,
 * and what must be parsed in its place.
 *
 * Output can be passed over only where it is *plain*: printable text, the C0 controls but ESC,
 * SO and SI (`\r`, `\n`, `\t`, `\b`, BEL, `\v` and `\f` act on the cursor; xterm ignores the
 * others, as it ignores DEL), and SGR sequences (`ESC [ … m`, colours and styles). Plain output
 * changes nothing but the cells it writes, the cursor and the pen (the SGR state). So when the text is
 * plain from its start, and the terminal's scroll region is the whole screen there (the mirror
 * says so: `mayPassOver`), a plain run followed by enough plain line feeds is replaced by:
 * - its SGR sequences from its last full reset on (the pen it leaves, replayed in order), and
 * - a carriage return: the run is cut right after a `\r\n`, so the cursor stands in column 0.
 * The line feeds after the cut (at least `scrollback + 2 × rows`, the first `rows` of which may
 * only move the cursor down) push every cell written before the cut out of the screen and the
 * scrollback, in the real terminal and in the mirror alike, and leave the cursor on the same
 * row: the mirror ends with the same buffer, cursor and pen. Anything else (cursor moves,
 * erases, scroll regions, modes, the alternate screen, titles, charsets, C1 controls, an escape
 * sequence not finished yet) is *complex*: it and everything before it are parsed, and what
 * follows it waits (held) until the mirror has parsed it and can tell its scroll region.
 */

/**
 * Complete escape sequences and control characters other than the plain ones, in the order the
 * parser would see them. An SGR is plain (excluded by the look-aheads). A C1 control that starts a
 * sequence (CSI, OSC, DCS, SOS, PM, APC as one character) is taken with its sequence, as its
 * escape form is: the text after `0x9b` up to its final byte belongs to it. The last alternative
 * (`open`) takes an escape that is not finished in this text, or is malformed (a C0 inside a
 * CSI, an unterminated OSC or DCS), with everything after it: the parser's state after it is
 * unknown here, so nothing after it may be passed over.
 */
const complex = new RegExp(
  [
    /\x1b\[(?![0-9;:]*m)[0-?]*[ -/]*[@-~]/.source, // CSI other than SGR
    /\x9b[0-?]*[ -/]*[@-~]/.source, // C1 CSI, SGR included (the pen replayed is taken from ESC [ … m only)
    /(?:\x1b[\]PX^_]|[\x90\x98\x9d-\x9f])[^\x07\x1b\x18\x1a\x9c]*(?:\x07|\x1b\\|\x9c)/.source, // OSC, DCS, SOS, PM, APC, terminated
    /\x1b[ -/]*[0-OQ-WYZ\\`-~]/.source, // other escapes (ESC 7, ESC ( 0, ESC c, …)
    /[\x0e\x0f\x80-\x8f\x91-\x97\x99\x9a\x9c]/.source, // SO and SI (the charset in use), the other C1 controls
    /(?<open>(?:\x1b(?!\[[0-9;:]*m)|[\x90\x98\x9b\x9d-\x9f])[\s\S]*)/.source, // an escape not finished (or malformed): to the end
  ].join('|'),
  'g',
);
/** Every character `complex` can start with: ESC, SO, SI and the C1 controls. */
const anyComplex = /[\x0e\x0f\x1b\x80-\x9f]/g;
const sgr = /\x1b\[[0-9;:]*m/g;
/** `ESC [ m`, `ESC [ 0 m`, `ESC [ 00 m`: back to the default pen, so nothing before it matters. */
const fullReset = /^\x1b\[0*m$/;

export interface MirrorFeed {
  /** What the mirror parses now, in order: the text up to the plain run, then what stands in for the part passed over. */
  parse: string;
  /** Where, in the text, the output that stays queued starts (`text.length`: nothing stays). */
  keepFrom: number;
  /** Characters of the text passed over unparsed. */
  passedOver: number;
  /**
   * An escape sequence at the end of `parse` that is not finished (with what came after it):
   * the next text continues it and is planned after it. Empty when `parse` leaves the parser
   * in its ground state.
   */
  openEscape: string;
  /** The text kept queued is plain (it is the next plan's `plainPrefix`). */
  heldPlain: boolean;
  /**
   * The text kept queued waits for more output before it is planned again (a flood's last lines,
   * a plain text not yet followed by enough line feeds); false when it is to be planned again as
   * soon as `parse` is parsed (the plain rest after something that is not plain).
   */
  waitsForOutput: boolean;
}

/** An escape sequence this short at the end of a held plan is held with the tail, to be finished by what follows. */
const heldEscape = 4_096;

export interface MirrorFeedOptions {
  /** Plain line feeds that must follow what is passed over: `scrollback + 2 × rows` and a little. */
  keepLineFeeds: number;
  /**
   * Keep the plain tail queued instead of parsing it (`keepFrom`), to be planned again with the
   * output that follows: the mirror's regular compaction. False when the mirror must be up to
   * date (a snapshot, a resize).
   */
  holdTail: boolean;
  /**
   * The longest plain tail held back: the lines after a run that is passed over, or a plain
   * text not yet followed by `keepLineFeeds` line feeds (long lines: holding that many of them
   * would make every plan scan it again).
   */
  maxHeld: number;
  /** The previous plan's `openEscape`. */
  openEscape?: string;
  /** How much of the text is known to be plain already (the tail the previous plan held, `heldPlain`): not scanned again. */
  plainPrefix?: number;
  /**
   * The mirror has parsed everything before this text and its scroll region is the whole screen
   * (a region keeps the rows outside it, which plain output may have written, on screen).
   */
  mayPassOver: boolean;
}

/**
 * Plans how the mirror takes `text`, which starts where the previous text ended: everything is
 * parsed, except a plain run from the start of the text followed by at least `keepLineFeeds`
 * plain line feeds, which is passed over.
 */
export function planMirrorFeed(text: string, options: MirrorFeedOptions): MirrorFeed {
  const open = options.openEscape ?? '';
  const scanned = open + text;
  // Where the plain run at the end starts, in `text`, and whether the text ends inside an escape.
  let plainFrom = 0;
  /** Where an escape not finished starts, in `text` (negative: inside `open`); null when the text ends in the ground state. */
  let openAt: number | null = null;
  const from = open ? 0 : Math.min(options.plainPrefix ?? 0, text.length);
  if (!hasOnlyPlainControls(from > 0 ? scanned.slice(from) : scanned)) {
    complex.lastIndex = from;
    for (let match = complex.exec(scanned); match; match = complex.exec(scanned)) {
      if (match.groups?.open !== undefined) openAt = match.index - open.length;
      plainFrom = Math.max(0, match.index + match[0].length - open.length);
    }
  }
  const everything = { parse: text, keepFrom: text.length, passedOver: 0, openEscape: '', heldPlain: false, waitsForOutput: false };
  if (openAt !== null && openAt >= 0 && options.holdTail && text.length - openAt <= heldEscape) {
    // An escape cut off by the end of the output read so far: planned with what follows.
    const before = planMirrorFeed(text.slice(0, openAt), { ...options, openEscape: '' });
    return { ...before, heldPlain: false };
  }
  if (openAt !== null) return { ...everything, openEscape: scanned.slice(openAt + open.length) };
  if (plainFrom > 0 || open) {
    // Not plain from the start: what is not plain is parsed, and the whole plain rest waits to
    // be planned with what follows, once the mirror has parsed this and can tell its scroll
    // region: a flood that starts after a prompt is then passed over from its first line (this
    // plan parsing all but the held lines of it cost the pty host ~10,000 lines of xterm per
    // terminal). It is never longer than the queue, which the mirror bounds.
    if (!options.holdTail) return everything;
    return { parse: text.slice(0, plainFrom), keepFrom: plainFrom, passedOver: 0, openEscape: '', heldPlain: true, waitsForOutput: false };
  }
  if (!options.mayPassOver) return everything;
  const cut = cutBefore(text, options.keepLineFeeds);
  // Plain, but not yet followed by enough lines (long ones): waits for what follows, up to `maxHeld`.
  if (cut < 0) return options.holdTail && text.length <= options.maxHeld ? { parse: '', keepFrom: 0, passedOver: 0, openEscape: '', heldPlain: true, waitsForOutput: true } : everything;
  const parse = penOf(text.slice(0, cut)) + '\r';
  if (options.holdTail && text.length - cut <= options.maxHeld) return { parse, keepFrom: cut, passedOver: cut, openEscape: '', heldPlain: true, waitsForOutput: true };
  return { parse: parse + text.slice(cut), keepFrom: text.length, passedOver: cut, openEscape: '', heldPlain: false, waitsForOutput: false };
}

/**
 * Whether `text` has no character `complex` can start with: no escape at all. Every piece of a
 * terminal's output is checked, so this is on the path of every byte a program prints. ASCII text
 * (the usual flood) cannot hold a C1 control, and three searches for single characters find the
 * rest; `Buffer.byteLength` (SIMD in Node) tells ASCII apart. 4 KB pieces of a flood: ~3.3 GB/s,
 * against 0.45–0.7 GB/s for the one-class regex it replaces (which was ~30% of the pty host's
 * JavaScript time in `terminal-flood`).
 */
export function hasOnlyPlainControls(text: string): boolean {
  if (Buffer.byteLength(text, 'utf8') === text.length) return text.indexOf('\x1b') === -1 && text.indexOf('\x0e') === -1 && text.indexOf('\x0f') === -1;
  anyComplex.lastIndex = 0;
  return !anyComplex.test(text);
}

export interface PiecesFeed {
  /** What the mirror parses now, in order. */
  parse: string[];
  /** The pieces that stay queued (the first may be the end of a piece). */
  kept: string[];
  passedOver: number;
}

/**
 * `planMirrorFeed` for a queue whose every piece `hasOnlyPlainControls`, with nothing open
 * before it and the whole screen scrolling (`mayPassOver`): the same plan, made without joining
 * the pieces. A flood's queue is planned a few times a second, and joining it (3,000,000
 * characters, two thirds of which were joined the time before) cost the pty host as much as
 * scanning it. With no escape there is no pen to replay: what stands in for the part passed over
 * is a carriage return.
 */
export function planPlainPieces(pieces: readonly string[], options: Pick<MirrorFeedOptions, 'keepLineFeeds' | 'holdTail' | 'maxHeld'>): PiecesFeed {
  const text = new PiecedText(pieces);
  const cut = text.cutBefore(options.keepLineFeeds);
  if (cut < 0) return options.holdTail && text.length <= options.maxHeld ? { parse: [], kept: [...pieces], passedOver: 0 } : { parse: [...pieces], kept: [], passedOver: 0 };
  const rest = text.from(cut);
  if (options.holdTail && text.length - cut <= options.maxHeld) return { parse: ['\r'], kept: rest, passedOver: cut };
  return { parse: ['\r', ...rest], kept: [], passedOver: cut };
}

/** Pieces read as the one text they make, without joining them. */
class PiecedText {
  private readonly starts: number[] = [];
  readonly length: number;

  constructor(private readonly pieces: readonly string[]) {
    let length = 0;
    for (const piece of pieces) {
      this.starts.push(length);
      length += piece.length;
    }
    this.length = length;
  }

  /** `cutBefore` over the pieces. */
  cutBefore(lineFeeds: number): number {
    if (lineFeeds < 1) return -1;
    let at = this.length;
    for (let seen = 0; seen < lineFeeds; seen++) {
      at = this.lastLineFeed(at - 1);
      if (at < 0) return -1;
    }
    // The cut goes right after a `\r\n` whose line feed is before `at`.
    for (let lineFeed = this.lastLineFeed(at - 1); lineFeed >= 1; lineFeed = this.lastLineFeed(lineFeed - 1)) {
      if (this.charAt(lineFeed - 1) === '\r') return lineFeed + 1;
    }
    return -1;
  }

  /** The pieces from `position` on. */
  from(position: number): string[] {
    const index = this.pieceAt(position);
    if (index < 0) return [];
    const first = this.pieces[index]!.slice(position - this.starts[index]!);
    return [...(first ? [first] : []), ...this.pieces.slice(index + 1)];
  }

  /** The last `\n` at or before `position`; -1 when there is none. */
  private lastLineFeed(position: number): number {
    for (let index = this.pieceAt(position); index >= 0; index--) {
      const start = this.starts[index]!;
      const found = this.pieces[index]!.lastIndexOf('\n', position - start);
      if (found >= 0) return start + found;
      position = start - 1;
    }
    return -1;
  }

  private charAt(position: number): string {
    const index = this.pieceAt(position);
    return index < 0 ? '' : this.pieces[index]![position - this.starts[index]!]!;
  }

  /** The index of the piece holding `position` (the last one for positions past the end); -1 before the start. */
  private pieceAt(position: number): number {
    if (position < 0) return -1;
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle]! <= position) low = middle;
      else high = middle - 1;
    }
    return high;
  }
}

/**
 * The latest point in `text` that is right after a `\r\n` and has at least `lineFeeds` line
 * feeds after it; -1 when there is none.
 */
function cutBefore(text: string, lineFeeds: number): number {
  if (lineFeeds < 1) return -1;
  let at = text.length;
  for (let seen = 0; seen < lineFeeds; seen++) {
    at = text.lastIndexOf('\n', at - 1);
    if (at < 0) return -1;
  }
  // `at` is the first line feed that must follow; the cut goes right after an earlier `\r\n`.
  const crlf = at >= 2 ? text.lastIndexOf('\r\n', at - 2) : -1;
  return crlf < 0 ? -1 : crlf + 2;
}

/** The SGR sequences of a plain run from its last full reset on: the pen it leaves. */
function penOf(run: string): string {
  if (run.indexOf('\x1b') === -1) return ''; // the common case, found far faster than by the regex
  let pen: string[] = [];
  sgr.lastIndex = 0;
  for (let match = sgr.exec(run); match; match = sgr.exec(run)) {
    if (fullReset.test(match[0])) pen = [];
    pen.push(match[0]);
  }
  return pen.join('');
}
