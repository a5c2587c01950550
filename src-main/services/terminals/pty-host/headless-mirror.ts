import serializeAddon from '@xterm/addon-serialize';
import headless from '@xterm/headless';
import type { IBuffer, Terminal as HeadlessTerminal } from '@xterm/headless';
import type { SnapshotReply, TextReply } from './pty-host-protocol';

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
 * The host's copy of one terminal's screen (`@xterm/headless`, VS Code's ptyHost approach): fed
 * the same output, in the same pieces, as the views, so a view that reloads, reconnects or is
 * opened again replays it (`snapshot`) and continues with the next piece. The serialize addon
 * restores the buffer, the cursor and the modes xterm exposes; a preamble adds those it does
 * not (cursor visibility, mouse encodings, cursor style), which a TUI set once and expects kept.
 */
export class HeadlessMirror {
  private readonly terminal: HeadlessTerminal;
  private readonly serializer = new SerializeAddon();
  /** Output written so far, and parsed so far (advanced by write callbacks, in order). */
  private written = 0;
  private parsed = 0;
  private readonly privateModes = new Map<number, boolean>();
  private cursorStyle: number | null = null;

  constructor(options: { cols: number; rows: number; scrollback: number }, private readonly onParsed: (position: number) => void) {
    this.terminal = new Terminal({ cols: options.cols, rows: options.rows, scrollback: options.scrollback, allowProposedApi: true });
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

  /** Output not parsed yet: the mirror's share of the terminal's backlog. */
  get backlog(): number {
    return this.written - this.parsed;
  }

  write(data: string): void {
    this.written += data.length;
    const end = this.written;
    this.terminal.write(data, () => {
      this.parsed = end;
      this.onParsed(end);
    });
  }

  resize(cols: number, rows: number): void {
    this.terminal.resize(cols, rows);
  }

  /**
   * The buffer as escape sequences, taken once everything written so far is parsed (the
   * callback of an empty write runs right after the piece before it), so it stands exactly for
   * the stream up to `position`, a boundary between two pieces the views also received.
   */
  snapshot(): Promise<SnapshotReply> {
    return new Promise((resolve) => {
      const position = this.written;
      this.terminal.write('', () => {
        resolve({ data: this.serializer.serialize() + this.modePreamble(), position, cols: this.terminal.cols, rows: this.terminal.rows });
      });
    });
  }

  /** Scrollback and screen as plain text (what an external agent reads as a command's output). */
  text(): Promise<TextReply> {
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
