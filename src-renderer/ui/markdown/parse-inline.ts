import type { MarkdownInline } from './markdown-ast';
import { decodeEntities } from './decode-entities';
import { safeHref } from './safe-href';

/** Deeper nesting (`*_*_*_…`) is kept as text: hostile input must not blow the stack. */
const maxDepth = 8;
const asciiPunctuation = /[!-/:-@[-`{-~]/;
const bareUrl = /^https?:\/\/[^\s<>]+/;
const autolink = /^<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^<>\s]*)>/;
const emailAutolink = /^<([a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*)>/;

const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);
const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** Parses one paragraph's (or heading's, or cell's) text into inline nodes. */
export function parseInline(text: string, depth = 0): MarkdownInline[] {
  return new InlineParser(text, depth).parse();
}

class InlineParser {
  private pos = 0;
  private buffer = '';
  private readonly out: MarkdownInline[] = [];
  /** delimiter → earliest position from which a search for its closer already failed. */
  private readonly failedFrom = new Map<string, number>();
  private brackets: Map<number, number> | null = null;

  constructor(
    private readonly text: string,
    private readonly depth: number,
  ) {}

  parse(): MarkdownInline[] {
    const { text } = this;
    while (this.pos < text.length) {
      const c = text[this.pos]!;
      if (c === '\\') this.escape();
      else if (c === '\n') this.lineBreak();
      else if (c === '`') this.codeSpan();
      else if (c === '*' || c === '_' || c === '~') this.delimited(c);
      else if (c === '[' || (c === '!' && text[this.pos + 1] === '[')) this.link();
      else if (c === '<') this.angleLink();
      else if (c === 'h' && this.atBareUrl()) this.bareLink();
      else this.literal(c, 1);
    }
    this.flush();
    return this.out;
  }

  private literal(text: string, advance: number): void {
    this.buffer += text;
    this.pos += advance;
  }

  private flush(): void {
    if (this.buffer === '') return;
    this.out.push({ type: 'text', text: decodeEntities(this.buffer) });
    this.buffer = '';
  }

  private push(node: MarkdownInline): void {
    this.flush();
    this.out.push(node);
  }

  private pushAll(nodes: MarkdownInline[]): void {
    this.flush();
    this.out.push(...nodes);
  }

  private escape(): void {
    const next = this.text[this.pos + 1];
    if (next === '\n') {
      this.pos += 1;
      return;
    }
    if (next !== undefined && asciiPunctuation.test(next)) {
      // Escaped text is never an entity either: flush what came before, keep this raw.
      this.flush();
      this.out.push({ type: 'text', text: next });
      this.pos += 2;
      return;
    }
    this.literal('\\', 1);
  }

  /** A chat answer's single newlines are meant as line breaks. */
  private lineBreak(): void {
    this.buffer = this.buffer.trimEnd();
    this.push({ type: 'break' });
    this.pos += 1;
  }

  private runLength(from: number, c: string): number {
    let end = from;
    while (this.text[end] === c) end += 1;
    return end - from;
  }

  private codeSpan(): void {
    const run = this.runLength(this.pos, '`');
    const close = this.findRun('`', run, this.pos + run, () => true);
    if (close < 0) return this.literal('`'.repeat(run), run);
    let code = this.text.slice(this.pos + run, close).replace(/\n/g, ' ');
    if (code.length > 2 && code.startsWith(' ') && code.endsWith(' ') && code.trim() !== '') code = code.slice(1, -1);
    this.push({ type: 'code', text: code });
    this.pos = close + run;
  }

  /** The start of the next run of exactly `length` × `c` from `from` that `accept`s, or -1. */
  private findRun(c: string, length: number, from: number, accept: (at: number) => boolean): number {
    const memoKey = `${c}${length}`;
    const failed = this.failedFrom.get(memoKey);
    if (failed !== undefined && from >= failed) return -1;
    const needle = c.repeat(length);
    let at = this.text.indexOf(needle, from);
    while (at >= 0) {
      const runStart = at;
      const run = this.runLength(runStart, c);
      if (run === length && this.text[runStart - 1] !== c && accept(runStart)) return runStart;
      at = this.text.indexOf(needle, runStart + run);
    }
    this.failedFrom.set(memoKey, Math.min(failed ?? from, from));
    return -1;
  }

  private delimited(c: string): void {
    const { text } = this;
    const run = this.runLength(this.pos, c);
    const before = text[this.pos - 1];
    const after = text[this.pos + run];
    const canOpen =
      this.depth < maxDepth &&
      !isSpace(after) &&
      (c !== '_' || !isWordChar(before)) &&
      (c === '~' ? run === 2 : run <= 3);
    if (!canOpen) return this.literal(c.repeat(run), run);
    const close = this.findRun(c, run, this.pos + run, (at) => {
      if (isSpace(text[at - 1])) return false;
      return c !== '_' || !isWordChar(text[at + run]);
    });
    if (close < 0) return this.literal(c.repeat(run), run);
    const inner = parseInline(text.slice(this.pos + run, close), this.depth + 1);
    this.pos = close + run;
    if (c === '~') return this.push({ type: 'strike', children: inner });
    if (run === 1) return this.push({ type: 'emphasis', children: inner });
    if (run === 2) return this.push({ type: 'strong', children: inner });
    this.push({ type: 'strong', children: [{ type: 'emphasis', children: inner }] });
  }

  /** `[label](url)` and `![alt](url)`; images are never loaded, they become links to themselves. */
  private link(): void {
    const { text } = this;
    const image = text[this.pos] === '!';
    const open = image ? this.pos + 1 : this.pos;
    const close = this.matchingBracket(open);
    const target = close < 0 || text[close + 1] !== '(' ? null : this.destination(close + 2);
    if (target === null || this.depth >= maxDepth) return this.literal(image ? '![' : '[', open + 1 - this.pos);
    const label = parseInline(text.slice(open + 1, close), this.depth + 1).flatMap(unlink);
    const href = safeHref(target.url);
    this.pos = target.end;
    if (href === null) return this.pushAll(label);
    this.push({ type: 'link', href, children: label.length > 0 ? label : [{ type: 'text', text: href }] });
  }

  /** Parses `url "title")` starting after the `(`; returns the url and where the link ends. */
  private destination(from: number): { url: string; end: number } | null {
    const rest = this.text.slice(from, from + 4096);
    const match = /^[ \t]*(?:<([^<>\n]*)>|((?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*))(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'))?[ \t]*\)/.exec(rest);
    if (!match) return null;
    const url = (match[1] ?? match[2] ?? '').replace(/\\([!-/:-@[-`{-~])/g, '$1');
    return { url: decodeEntities(url), end: from + match[0].length };
  }

  /** The `]` closing the `[` at `open`, or -1; computed once for the whole text. */
  private matchingBracket(open: number): number {
    if (!this.brackets) {
      this.brackets = new Map();
      const stack: number[] = [];
      const { text } = this;
      for (let i = 0; i < text.length; i += 1) {
        const c = text[i];
        if (c === '\\') i += 1;
        else if (c === '[') stack.push(i);
        else if (c === ']' && stack.length > 0) this.brackets.set(stack.pop()!, i);
      }
    }
    return this.brackets.get(open) ?? -1;
  }

  private angleLink(): void {
    const rest = this.text.slice(this.pos, this.pos + 2048);
    const email = emailAutolink.exec(rest);
    if (email) {
      this.pos += email[0].length;
      return this.push({ type: 'link', href: `mailto:${email[1]}`, children: [{ type: 'text', text: email[1]! }] });
    }
    const match = autolink.exec(rest);
    if (!match) return this.literal('<', 1);
    const href = safeHref(match[1]!);
    if (href === null) return this.literal(match[0], match[0].length);
    this.pos += match[0].length;
    this.push({ type: 'link', href, children: [{ type: 'text', text: match[1]! }] });
  }

  private atBareUrl(): boolean {
    const { text, pos } = this;
    return !isWordChar(text[pos - 1]) && (text.startsWith('https://', pos) || text.startsWith('http://', pos));
  }

  private bareLink(): void {
    const match = bareUrl.exec(this.text.slice(this.pos, this.pos + 2048));
    let url = match?.[0] ?? '';
    // Sentence punctuation after a URL is not part of it; nor is an unbalanced closing paren.
    for (;;) {
      const last = url.at(-1);
      if (last && '.,:;!?\'"*_~'.includes(last)) url = url.slice(0, -1);
      else if (last === ')' && url.split('(').length <= url.split(')').length - 1) url = url.slice(0, -1);
      else break;
    }
    const href = safeHref(url);
    if (href === null) return this.literal('h', 1);
    this.pos += url.length;
    this.push({ type: 'link', href, children: [{ type: 'text', text: url }] });
  }
}

/** Links inside a link's label lose their link (a link cannot hold another). */
function unlink(node: MarkdownInline): MarkdownInline[] {
  return node.type === 'link' ? node.children : [node];
}
