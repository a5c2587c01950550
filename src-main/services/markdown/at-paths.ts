/**
 * `@path` references in Markdown, as Claude Code reads them in CLAUDE.md imports and command
 * bodies: an `@` at the start of a line or after whitespace (an e-mail address is not one),
 * followed by a path with no spaces. References inside fenced code blocks and `inline code` are
 * text, not references. A trailing `.`, `,`, `:`, `;`, `)` or `!` ends the sentence, not the path.
 */
export interface AtPath {
  /** Offset of the `@` in the text. */
  start: number;
  /** Offset just past the path. */
  end: number;
  path: string;
}

const reference = /(^|[\s(])@([^\s`@]+)/g;

export function findAtPaths(text: string): AtPath[] {
  const found: AtPath[] = [];
  const code = codeRanges(text);
  for (const match of text.matchAll(reference)) {
    const at = match.index + match[1]!.length;
    if (code.some(([from, to]) => at >= from && at < to)) continue;
    const path = match[2]!.replace(/[.,:;)!?]+$/, '');
    if (!looksLikePath(path)) continue;
    found.push({ start: at, end: at + 1 + path.length, path });
  }
  return found;
}

/** `@src/app.ts`, `@README.md`, `@./notes`, `@~/x.md`: a slash or a dot; `@someone` is a mention, not a file. */
function looksLikePath(path: string): boolean {
  return path !== '' && (path.includes('/') || path.includes('.'));
}

/** Ranges of fenced code blocks (``` or ~~~) and inline code spans. */
function codeRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  const fence = /^ {0,3}(`{3,}|~{3,})[^\n]*$/gm;
  let open: { marker: string; from: number } | null = null;
  for (const match of text.matchAll(fence)) {
    const marker = match[1]!;
    if (!open) open = { marker, from: match.index };
    else if (marker[0] === open.marker[0] && marker.length >= open.marker.length) {
      ranges.push([open.from, match.index + match[0].length]);
      open = null;
    }
  }
  if (open) ranges.push([open.from, text.length]);
  for (const match of text.matchAll(/(`+)[^`]*?\1/g)) {
    if (!ranges.some(([from, to]) => match.index >= from && match.index < to)) ranges.push([match.index, match.index + match[0].length]);
  }
  return ranges;
}
