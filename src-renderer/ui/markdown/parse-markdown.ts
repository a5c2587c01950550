import type { MarkdownBlock, MarkdownInline } from './markdown-ast';
import { parseInline } from './parse-inline';

/** Quotes and lists nested deeper than this are flattened to text: no stack to exhaust. */
const maxDepth = 12;

const fenceOpen = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const headingStart = /^ {0,3}(#{1,6})(?:[ \t]+|$)/;
const rule = /^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const quote = /^ {0,3}> ?/;
const listItem = /^( {0,3})([-*+]|(\d{1,9})[.)])([ \t]+|$)(.*)$/;
const tableDelimiter = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

const isBlank = (line: string) => line.trim() === '';
const indentOf = (line: string) => line.length - line.trimStart().length;

interface ListMarker {
  ordered: boolean;
  start: number;
  /** Column where the item's content starts; continuation lines are indented to it. */
  contentIndent: number;
  content: string;
}

function listMarker(line: string): ListMarker | null {
  const match = listItem.exec(line);
  if (!match) return null;
  const [, indent = '', marker = '', number, gap = '', content = ''] = match;
  // "-" followed by nothing is a list item; "1." followed by nothing too, but "---" is a rule.
  if (rule.test(line)) return null;
  return {
    ordered: number !== undefined,
    start: number !== undefined ? Number.parseInt(number, 10) : 1,
    contentIndent: indent.length + marker.length + Math.min(Math.max(gap.length, 1), 4),
    content,
  };
}

function fence(line: string): { indent: number; marker: string; language: string | null } | null {
  const match = fenceOpen.exec(line);
  if (!match) return null;
  const [, indent = '', marker = '', info = ''] = match;
  // A backtick fence's info string may not contain backticks (that is inline code).
  if (marker.startsWith('`') && info.includes('`')) return null;
  return { indent: indent.length, marker, language: info.trim().split(/\s+/)[0] || null };
}

/** Whether a line starts a block that ends the paragraph before it. */
function startsBlock(line: string): boolean {
  return fence(line) !== null || headingStart.test(line) || rule.test(line) || quote.test(line) || listMarker(line) !== null;
}

/** A heading's text without its optional closing `#`s (removed by hand: a regex would backtrack). */
function headingText(rest: string): string {
  const text = rest.trimEnd();
  let end = text.length;
  while (end > 0 && text[end - 1] === '#') end -= 1;
  if (end === text.length || end === 0 || text[end - 1] === ' ' || text[end - 1] === '\t') return text.slice(0, end).trimEnd();
  return text;
}

function splitRow(line: string): string[] {
  let row = line.trim();
  if (row.startsWith('|')) row = row.slice(1);
  if (row.endsWith('|') && !row.endsWith('\\|')) row = row.slice(0, -1);
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < row.length; i += 1) {
    const c = row[i]!;
    if (c === '\\' && row[i + 1] === '|') {
      cell += '|';
      i += 1;
    } else if (c === '|') {
      cells.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  cells.push(cell.trim());
  return cells;
}

const paragraph = (text: string): MarkdownBlock => ({ type: 'paragraph', children: parseInline(text) });

/**
 * Parses the common Markdown subset (paragraphs, ATX headings, fenced code, lists, block
 * quotes, tables, rules) into a tree. Raw HTML is not a construct here: `<script>` is text.
 * An unterminated code fence runs to the end, so a streaming answer renders as it grows.
 */
export function parseMarkdown(source: string): MarkdownBlock[] {
  return parseBlocks(source.replace(/\r\n?/g, '\n').split('\n'), 0);
}

function parseBlocks(lines: readonly string[], depth: number): MarkdownBlock[] {
  const blocks: MarkdownBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (isBlank(line)) {
      i += 1;
      continue;
    }

    const open = fence(line);
    if (open) {
      const body: string[] = [];
      i += 1;
      while (i < lines.length) {
        const candidate = lines[i]!;
        const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(candidate);
        i += 1;
        if (close && close[1]![0] === open.marker[0] && close[1]!.length >= open.marker.length) break;
        body.push(candidate.slice(Math.min(open.indent, indentOf(candidate))));
      }
      blocks.push({ type: 'code', language: open.language, text: body.join('\n') });
      continue;
    }

    const head = headingStart.exec(line);
    if (head) {
      const level = head[1]!.length as 1 | 2 | 3 | 4 | 5 | 6;
      blocks.push({ type: 'heading', level, children: parseInline(headingText(line.slice(head[0].length))) });
      i += 1;
      continue;
    }

    if (rule.test(line)) {
      blocks.push({ type: 'rule' });
      i += 1;
      continue;
    }

    if (quote.test(line)) {
      const body: string[] = [];
      while (i < lines.length && quote.test(lines[i]!)) {
        body.push(lines[i]!.replace(quote, ''));
        i += 1;
      }
      blocks.push(depth < maxDepth ? { type: 'blockquote', children: parseBlocks(body, depth + 1) } : paragraph(body.join('\n')));
      continue;
    }

    const marker = listMarker(line);
    if (marker) {
      const parsed = parseList(lines, i, marker, depth);
      blocks.push(parsed.block);
      i = parsed.next;
      continue;
    }

    const next = lines[i + 1];
    if (line.includes('|') && next !== undefined && tableDelimiter.test(next) && next.includes('-')) {
      const header = splitRow(line);
      const rows: MarkdownInline[][][] = [];
      i += 2;
      while (i < lines.length && !isBlank(lines[i]!) && lines[i]!.includes('|')) {
        const cells = splitRow(lines[i]!);
        rows.push(header.map((_, column) => parseInline(cells[column] ?? '')));
        i += 1;
      }
      blocks.push({ type: 'table', header: header.map((cell) => parseInline(cell)), rows });
      continue;
    }

    const text: string[] = [line.trim()];
    i += 1;
    while (i < lines.length && !isBlank(lines[i]!) && !startsBlock(lines[i]!)) {
      text.push(lines[i]!.trim());
      i += 1;
    }
    blocks.push(paragraph(text.join('\n')));
  }
  return blocks;
}

function parseList(lines: readonly string[], from: number, first: ListMarker, depth: number): { block: MarkdownBlock; next: number } {
  const items: string[][] = [];
  let current: string[] = [first.content];
  let contentIndent = first.contentIndent;
  let i = from + 1;
  while (i < lines.length) {
    const line = lines[i]!;
    if (isBlank(line)) {
      // A blank line continues the list only if more of it follows.
      let ahead = i + 1;
      while (ahead < lines.length && isBlank(lines[ahead]!)) ahead += 1;
      const following = lines[ahead];
      const sibling = following !== undefined ? listMarker(following) : null;
      const continues =
        following !== undefined &&
        (indentOf(following) >= contentIndent || (sibling !== null && sibling.ordered === first.ordered && indentOf(following) < contentIndent));
      if (!continues) break;
      current.push('');
      i += 1;
      continue;
    }
    const marker = listMarker(line);
    if (marker && indentOf(line) < contentIndent) {
      if (marker.ordered !== first.ordered) break;
      items.push(current);
      current = [marker.content];
      contentIndent = marker.contentIndent;
      i += 1;
      continue;
    }
    if (indentOf(line) >= contentIndent) {
      current.push(line.slice(contentIndent));
      i += 1;
      continue;
    }
    // A lazy continuation of the item's last paragraph.
    if (!isBlank(current.at(-1) ?? '') && !startsBlock(line)) {
      current.push(line.trim());
      i += 1;
      continue;
    }
    break;
  }
  items.push(current);
  const parsedItems = items.map((item) => (depth < maxDepth ? parseBlocks(item, depth + 1) : [paragraph(item.join('\n'))]));
  return { block: { type: 'list', ordered: first.ordered, start: first.start, items: parsedItems }, next: i };
}
