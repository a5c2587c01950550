/* eslint-disable no-control-regex -- this file exists to read control sequences */

/** How a run of characters looks: a palette index (0–255) or `#rrggbb` for colours. */
export interface AnsiStyle {
  fg: number | string | null;
  bg: number | string | null;
  bold: boolean;
  dim: boolean;
  italic: boolean;
  underline: boolean;
  inverse: boolean;
  strike: boolean;
}

export interface AnsiSpan {
  text: string;
  style: AnsiStyle;
}

/** One line of the screen as runs of equally styled text. */
export type AnsiLine = AnsiSpan[];

const plain: AnsiStyle = { fg: null, bg: null, bold: false, dim: false, italic: false, underline: false, inverse: false, strike: false };

/** A CSI sequence (or one cut off at the end), an OSC string (ended by BEL or ST, or cut off), another escape, or one character. */
const token = /\x1b\[([0-?]*)[ -/]*([@-~])|\x1b\[[0-?]*[ -/]*$|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\|$)|\x1b[P^_][^\x1b]*(?:\x1b\\|$)|\x1b[ -/]*[0-~]?|[\s\S]/g;

/**
 * What a terminal would show for `raw`, as lines of styled runs: the light renderer for
 * command output in the conversation (a tool card streams a few thousand characters; an
 * xterm.js instance per card would cost far more, see the feature's README). It keeps what
 * command output uses: SGR colours and attributes (16, 256 and 24-bit colours), carriage
 * returns and erase-in-line (progress bars redraw in place), cursor up/down/column moves
 * (multi-line progress), backspace and tabs. Everything else (titles, hyperlinks' targets,
 * cursor positioning, modes) is dropped, never shown as text.
 */
export function renderAnsi(raw: string, maxLines = 500): AnsiLine[] {
  const lines: { ch: string; style: AnsiStyle }[][] = [[]];
  let row = 0;
  let col = 0;
  let style = plain;
  const line = () => (lines[row] ??= []);
  const put = (ch: string) => {
    const cells = line();
    while (cells.length < col) cells.push({ ch: ' ', style: plain });
    cells[col] = { ch, style };
    col++;
  };
  for (const match of raw.matchAll(token)) {
    const [text, params, final] = match;
    if (final !== undefined) {
      const numbers = (params ?? '').split(';').map((part) => (part === '' ? Number.NaN : Number(part)));
      const count = Number.isNaN(numbers[0]!) || numbers[0] === 0 ? 1 : numbers[0]!;
      if ((params ?? '').startsWith('?') || (params ?? '').startsWith('>')) continue;
      switch (final) {
        case 'm':
          style = applySgr(style, numbers);
          break;
        case 'K': {
          const cells = line();
          const mode = numbers[0] || 0;
          if (mode === 0) cells.length = Math.min(cells.length, col);
          else if (mode === 1) for (let i = 0; i <= col && i < cells.length; i++) cells[i] = { ch: ' ', style: plain };
          else lines[row] = [];
          break;
        }
        case 'J':
          if ((numbers[0] || 0) >= 2) {
            lines.length = 0;
            lines.push([]);
            row = 0;
          } else if ((numbers[0] || 0) === 0) {
            lines.length = row + 1;
            line().length = Math.min(line().length, col);
          }
          break;
        case 'A':
          row = Math.max(0, row - count);
          break;
        case 'B':
          row += count;
          break;
        case 'C':
          col += count;
          break;
        case 'D':
          col = Math.max(0, col - count);
          break;
        case 'G':
          col = Math.max(0, count - 1);
          break;
        case 'E':
          row += count;
          col = 0;
          break;
        case 'F':
          row = Math.max(0, row - count);
          col = 0;
          break;
      }
      continue;
    }
    switch (text) {
      case '\n':
        row++;
        col = 0;
        break;
      case '\r':
        col = 0;
        break;
      case '\b':
        col = Math.max(0, col - 1);
        break;
      case '\t':
        col = (Math.floor(col / 8) + 1) * 8;
        break;
      default:
        // Escapes other than CSI, and control characters, show nothing.
        if (text.startsWith('\x1b') || (text.length === 1 && text.charCodeAt(0) < 0x20) || text === '\x7f') break;
        put(text);
    }
  }
  while (lines.length <= row) lines.push([]);
  const shown = lines.slice(-maxLines).map((cells) => spansOf(cells ?? []));
  while (shown.length > 1 && shown[shown.length - 1]!.length === 0) shown.pop();
  return shown;
}

function spansOf(cells: { ch: string; style: AnsiStyle }[]): AnsiLine {
  const spans: AnsiSpan[] = [];
  for (const cell of cells) {
    const cellStyle = cell?.style ?? plain;
    const last = spans[spans.length - 1];
    if (last && last.style === cellStyle) last.text += cell?.ch ?? ' ';
    else spans.push({ text: cell?.ch ?? ' ', style: cellStyle });
  }
  return spans;
}

/** Select Graphic Rendition: returns a new style (styles are shared by identity between cells). */
function applySgr(current: AnsiStyle, numbers: number[]): AnsiStyle {
  let style = { ...current };
  for (let i = 0; i < numbers.length; i++) {
    const code = Number.isNaN(numbers[i]!) ? 0 : numbers[i]!;
    if (code === 0) style = { ...plain };
    else if (code === 1) style.bold = true;
    else if (code === 2) style.dim = true;
    else if (code === 3) style.italic = true;
    else if (code === 4) style.underline = true;
    else if (code === 7) style.inverse = true;
    else if (code === 9) style.strike = true;
    else if (code === 22) style.bold = style.dim = false;
    else if (code === 23) style.italic = false;
    else if (code === 24) style.underline = false;
    else if (code === 27) style.inverse = false;
    else if (code === 29) style.strike = false;
    else if (code >= 30 && code <= 37) style.fg = code - 30;
    else if (code === 39) style.fg = null;
    else if (code >= 40 && code <= 47) style.bg = code - 40;
    else if (code === 49) style.bg = null;
    else if (code >= 90 && code <= 97) style.fg = code - 90 + 8;
    else if (code >= 100 && code <= 107) style.bg = code - 100 + 8;
    else if (code === 38 || code === 48) {
      const [color, used] = extendedColor(numbers, i + 1);
      if (code === 38) style.fg = color;
      else style.bg = color;
      i += used;
    }
  }
  return style;
}

/** `5;n` (256 colours) or `2;r;g;b` (24-bit) after 38/48; returns the colour and how many numbers it took. */
function extendedColor(numbers: number[], at: number): [number | string | null, number] {
  if (numbers[at] === 5) {
    const index = numbers[at + 1];
    return [index !== undefined && index >= 0 && index <= 255 ? index : null, 2];
  }
  if (numbers[at] === 2) {
    const [r, g, b] = [numbers[at + 1], numbers[at + 2], numbers[at + 3]].map((value) => Math.max(0, Math.min(255, Number.isNaN(value!) ? 0 : (value ?? 0))));
    return [`#${[r, g, b].map((value) => value!.toString(16).padStart(2, '0')).join('')}`, 4];
  }
  return [null, 0];
}
