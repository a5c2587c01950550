/** A quoted YAML scalar on one line: its value, where it ends, and escapes that are not YAML's. */
export interface QuotedScalar {
  value: string;
  /** The index just after the closing quote. */
  end: number;
  /** Backslash escapes YAML does not know (`"\q"`), kept as written. */
  badEscapes: string[];
}

/** YAML 1.2's one-character escapes in double quotes (`\x`, `\u` and `\U` take hex digits). */
const escapes: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};

const hexDigits: Record<string, number> = { x: 2, u: 4, U: 8 };

/**
 * Reads the quoted scalar whose opening quote is at `text[start]`, as YAML does: in double
 * quotes the backslash escapes (`\"`, `\\`, `\n`, `\t`, `\x41`, `\u00e9`, `\U0001F600` …), in
 * single quotes only `''` (a quote) and no escapes at all. Null when the quote is not closed.
 */
export function readQuotedScalar(text: string, start: number): QuotedScalar | null {
  const quote = text[start];
  if (quote === "'") return readSingleQuoted(text, start);
  if (quote === '"') return readDoubleQuoted(text, start);
  return null;
}

function readSingleQuoted(text: string, start: number): QuotedScalar | null {
  let value = '';
  for (let index = start + 1; index < text.length; index++) {
    const char = text[index]!;
    if (char !== "'") value += char;
    else if (text[index + 1] === "'") {
      value += "'";
      index++;
    } else return { value, end: index + 1, badEscapes: [] };
  }
  return null;
}

function readDoubleQuoted(text: string, start: number): QuotedScalar | null {
  let value = '';
  const badEscapes: string[] = [];
  for (let index = start + 1; index < text.length; index++) {
    const char = text[index]!;
    if (char === '"') return { value, end: index + 1, badEscapes };
    if (char !== '\\') {
      value += char;
      continue;
    }
    const code = text[index + 1];
    if (code === undefined) return null;
    const simple = escapes[code];
    const digits = hexDigits[code];
    if (simple !== undefined) {
      value += simple;
      index++;
    } else if (digits !== undefined && isHex(text.slice(index + 2, index + 2 + digits), digits)) {
      const written = text.slice(index, index + 2 + digits);
      const point = Number.parseInt(written.slice(2), 16);
      if (point > 0x10ffff) badEscapes.push(written);
      value += point > 0x10ffff ? written : String.fromCodePoint(point);
      index += 1 + digits;
    } else {
      badEscapes.push(`\\${code}`);
      value += `\\${code}`;
      index++;
    }
  }
  return null;
}

function isHex(text: string, digits: number): boolean {
  return text.length === digits && /^[0-9A-Fa-f]+$/.test(text);
}
