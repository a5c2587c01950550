import { readQuotedScalar } from './quoted-scalar';

/**
 * The frontmatter of Markdown files other tools write: Claude Code commands, skills, rules and
 * agents, Cursor `.mdc` rules. Those files are YAML-ish rather than YAML: Cursor writes
 * `globs: *.ts,src/**` (an alias to strict YAML), people write `allowed-tools: Bash(git add:*)`.
 * So this reads the subset they use, tolerantly, and never throws:
 * - `key: value` (`true`/`false`/`yes`/`no`/`on`/`off` are booleans), quoted as YAML quotes:
 *   `"…"` with backslash escapes (`\"`, `\\`, `\n`, `\u00e9` …), `'…'` with `''` for a quote,
 * - `key: [a, b]` flow lists, and `key:` followed by `- item` lines,
 * - `key: |` / `key: >` block text (indented lines), `# comments`.
 * Anything else is a problem naming its line; the rest of the block still counts.
 */
export type FrontmatterValue = string | boolean | string[];

export interface Frontmatter {
  data: Record<string, FrontmatterValue>;
  /**
   * Each single-line value as written (quotes removed): `argument-hint: [name] [props]` is the
   * hint people mean, not a YAML list.
   */
  raw: Record<string, string>;
  /** The text after the frontmatter (the whole text when there is none). */
  body: string;
  problems: string[];
}

const keyLine = /^([A-Za-z_][A-Za-z0-9_.-]*)\s*:(.*)$/;

/** Where a value's problems go (with the line they are on). */
type Report = (message: string) => void;

const ignore: Report = () => undefined;

export function parseFrontmatter(text: string): Frontmatter {
  const lines = text.split('\n');
  if (lines[0]?.trimEnd() !== '---') return { data: {}, raw: {}, body: text, problems: [] };
  const end = lines.findIndex((line, index) => index > 0 && /^(---|\.\.\.)\s*$/.test(line));
  if (end === -1) return { data: {}, raw: {}, body: text, problems: ['the frontmatter starts with --- but never ends; it was read as text'] };
  const block = lines.slice(1, end);
  const body = lines.slice(end + 1).join('\n').replace(/^\n+/, '');
  const data: Record<string, FrontmatterValue> = Object.create(null);
  const raw: Record<string, string> = Object.create(null);
  const problems: string[] = [];

  for (let index = 0; index < block.length; index++) {
    const line = block[index]!;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const match = keyLine.exec(line);
    if (!match) {
      problems.push(`frontmatter line ${index + 2}: "${line.trim().slice(0, 60)}" is not "key: value"`);
      continue;
    }
    const key = match[1]!;
    const rest = stripComment(match[2]!).trim();
    const report = reportAt(problems, index + 2);
    if (rest !== '') raw[key] = unquote(rest, ignore);
    if (rest === '|' || rest === '>' || rest === '|-' || rest === '>-') {
      const taken = indentedLines(block, index + 1);
      index += taken.length;
      const joined = rest.startsWith('|') ? taken.join('\n') : taken.join(' ').replace(/\s+/g, ' ');
      data[key] = joined.trim();
    } else if (rest === '') {
      const items: string[] = [];
      while (index + 1 < block.length && /^\s*-\s+/.test(block[index + 1]!)) {
        index++;
        items.push(unquote(stripComment(block[index]!.replace(/^\s*-\s+/, '')).trim(), reportAt(problems, index + 2)));
      }
      data[key] = items.length > 0 ? items : '';
    } else if (rest.startsWith('[') && rest.indexOf(']') === rest.length - 1) {
      data[key] = splitFlowList(rest.slice(1, -1), report);
    } else {
      data[key] = scalar(rest, report);
    }
  }
  return { data, raw, body, problems };
}

/** A value read as a list: a YAML list as it is, a string split at commas (`Bash(a), Read`, `*.ts,*.tsx`). */
export function listValue(value: FrontmatterValue | undefined): string[] {
  if (value === undefined || typeof value === 'boolean') return [];
  const items = Array.isArray(value) ? value : splitTopLevelCommas(value);
  return items.map((item) => item.trim()).filter((item) => item !== '');
}

/** A value read as text; a list is joined with ", " and a boolean is null. */
export function textValue(value: FrontmatterValue | undefined): string | null {
  if (value === undefined || typeof value === 'boolean') return null;
  const text = Array.isArray(value) ? value.join(', ') : value;
  return text.trim() === '' ? null : text.trim();
}

export function booleanValue(value: FrontmatterValue | undefined): boolean | null {
  if (typeof value === 'boolean') return value;
  return null;
}

function indentedLines(block: readonly string[], from: number): string[] {
  const taken: string[] = [];
  for (let index = from; index < block.length; index++) {
    const line = block[index]!;
    if (line.trim() !== '' && !/^\s/.test(line)) break;
    taken.push(line.trim());
  }
  return taken;
}

function reportAt(problems: string[], line: number): Report {
  return (message) => problems.push(`frontmatter line ${line}: ${message}`);
}

function scalar(raw: string, report: Report): FrontmatterValue {
  const text = unquote(raw, report);
  if (text !== raw) return text;
  const lower = text.toLowerCase();
  if (['true', 'yes', 'on'].includes(lower)) return true;
  if (['false', 'no', 'off'].includes(lower)) return false;
  return text;
}

/**
 * A value without its quotes, read as YAML reads them. Text that starts with a quote but goes on
 * after the closing one (`"a "b" c"`, which YAML refuses) is taken between its outer quotes as
 * written, and said so.
 */
function unquote(text: string, report: Report): string {
  const quoted = readQuotedScalar(text, 0);
  if (quoted && quoted.end === text.length) {
    for (const escape of quoted.badEscapes) report(`${escape} is not a YAML escape; it was kept as written`);
    return quoted.value;
  }
  if (text.length >= 2 && (text[0] === '"' || text[0] === "'") && text.endsWith(text[0])) {
    report(`${text.slice(0, 60)} has a quote inside its quotes; it was read as the text between the outer ones`);
    return text.slice(1, -1);
  }
  return text;
}

/** Where a quote may open a quoted value: at the start, after a space, or after a flow list's `[`, `{` or `,`. */
function opensQuote(text: string, index: number): boolean {
  return (text[index] === '"' || text[index] === "'") && (index === 0 || /[\s[{,(]/.test(text[index - 1]!));
}

/** ` # comment` at the end of a line; a `#` inside quotes or glued to a word (`a#b`) stays. */
function stripComment(text: string): string {
  for (let index = 0; index < text.length; index++) {
    if (opensQuote(text, index)) {
      const quoted = readQuotedScalar(text, index);
      // An unclosed quote runs to the end of the line: nothing after it is a comment.
      if (!quoted) return text;
      index = quoted.end - 1;
    } else if (text[index] === '#' && (index === 0 || /\s/.test(text[index - 1]!))) {
      return text.slice(0, index);
    }
  }
  return text;
}

function splitFlowList(inner: string, report: Report): string[] {
  return splitTopLevelCommas(inner)
    .map((item) => unquote(item.trim(), report))
    .filter((item) => item !== '');
}

/** Splits at commas outside parentheses, brackets, braces and quotes: `Bash(a, b), Read` is two items. */
function splitTopLevelCommas(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (opensQuote(text, index)) {
      const quoted = readQuotedScalar(text, index);
      if (!quoted) break;
      index = quoted.end - 1;
    } else if ('([{'.includes(char)) depth++;
    else if (')]}'.includes(char)) depth = Math.max(0, depth - 1);
    else if (char === ',' && depth === 0) {
      items.push(text.slice(start, index));
      start = index + 1;
    }
  }
  items.push(text.slice(start));
  return items;
}
