import { HeadTailBuffer } from '../tools/output-cap';
import { plainTerminalText } from '../tools/terminal-text';

/** Characters of a gate's output kept: its start and, mostly, its end (failures are usually printed last). */
const headChars = 64 * 1024;
const tailChars = 192 * 1024;

/**
 * One attempt's gate log, as the terminal wrote it (colours kept, for the terminal view): what
 * Braid says (the command, where it runs, how it ended) between the command's own output.
 * Bounded: a flood keeps its start and its end with a marker between them.
 */
export class GateLog {
  private readonly buffer = new HeadTailBuffer(headChars, tailChars);

  constructor(private readonly onChunk: (chunk: string) => void) {}

  /** The command's own output. */
  output(chunk: string): void {
    this.buffer.push(chunk);
    this.onChunk(chunk);
  }

  /** A line of Braid's own, set apart in the terminal view. */
  note(line: string): void {
    this.output(`\x1b[2m${line}\x1b[0m\r\n`);
  }

  text(): { text: string; clipped: boolean } {
    const { head, tail, omitted } = this.buffer.snapshot();
    if (omitted === 0) return { text: head + tail, clipped: false };
    return { text: `${head}\r\n\x1b[2m[… ${omitted.toLocaleString('en-US')} characters of output cut …]\x1b[0m\r\n${tail}`, clipped: true };
  }
}

/** The end of a log as plain text (what a model reads), at most `limit` characters from its last lines. */
export function logTail(raw: string, limit = 8_000): string {
  const plain = plainTerminalText(raw).trimEnd();
  if (plain.length <= limit) return plain;
  const cut = plain.indexOf('\n', plain.length - limit);
  return `…\n${plain.slice(cut === -1 ? plain.length - limit : cut + 1)}`;
}
