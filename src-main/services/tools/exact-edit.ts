export type ExactEditOutcome =
  | { ok: true; text: string; replacements: number; lines: number[] }
  | { ok: false; message: string };

/**
 * Replaces `oldText` with `newText` in `content` only when the match is unambiguous: zero
 * matches and (without `replaceAll`) several matches are errors that tell the model where
 * to look, because a guessed edit in the wrong place is worse than none. A file with CRLF
 * line endings still matches text written with plain newlines.
 */
export function applyExactEdit(content: string, oldText: string, newText: string, replaceAll: boolean): ExactEditOutcome {
  if (oldText === '') return { ok: false, message: 'old_text is empty; use write_file to create a file or give the text to replace.' };
  if (oldText === newText) return { ok: false, message: 'old_text and new_text are the same; nothing would change.' };

  let needle = oldText;
  let replacement = newText;
  let starts = findAll(content, needle);
  if (starts.length === 0 && content.includes('\r\n') && !oldText.includes('\r')) {
    needle = oldText.replace(/\n/g, '\r\n');
    replacement = newText.replace(/\r?\n/g, '\r\n');
    starts = findAll(content, needle);
  }
  if (starts.length === 0) return { ok: false, message: `old_text was not found. ${nearestLineHint(content, oldText)}` };

  const lines = lineNumbersOf(content, starts);
  if (starts.length > 1 && !replaceAll) {
    return {
      ok: false,
      message: `old_text occurs ${starts.length} times (lines ${lines.join(', ')}). Include more surrounding text to pick one, or set replace_all to change every occurrence.`,
    };
  }
  const text = replaceAll ? content.split(needle).join(replacement) : spliceAt(content, starts[0] ?? 0, needle.length, replacement);
  return { ok: true, text, replacements: starts.length, lines };
}

function findAll(content: string, needle: string): number[] {
  const starts: number[] = [];
  for (let at = content.indexOf(needle); at !== -1; at = content.indexOf(needle, at + needle.length)) starts.push(at);
  return starts;
}

function spliceAt(content: string, start: number, length: number, replacement: string): string {
  return content.slice(0, start) + replacement + content.slice(start + length);
}

function lineNumbersOf(content: string, offsets: number[]): number[] {
  const lines: number[] = [];
  let line = 1;
  let from = 0;
  for (const offset of offsets) {
    for (let i = content.indexOf('\n', from); i !== -1 && i < offset; i = content.indexOf('\n', i + 1)) line += 1;
    from = offset;
    lines.push(line);
  }
  return lines;
}

/**
 * Points at the line that most resembles the first line of the text the model expected, the
 * usual cause being changed indentation or a stale copy of the file.
 */
function nearestLineHint(content: string, oldText: string): string {
  const wanted = oldText.split(/\r?\n/).find((line) => line.trim() !== '')?.trim();
  const advice = 'Read the file again and copy the text exactly, including whitespace.';
  if (!wanted) return advice;
  const lines = content.split(/\r?\n/);
  let best = { line: 0, text: '', score: 0 };
  for (const [index, line] of lines.entries()) {
    const candidate = line.trim();
    if (candidate === '') continue;
    if (candidate === wanted) {
      return `Line ${index + 1} has the same first line with different indentation or surroundings: ${quote(line)}. ${advice}`;
    }
    const score = similarity(wanted, candidate);
    if (score > best.score) best = { line: index + 1, text: line, score };
  }
  if (best.score < 0.5) return `No line resembles ${quote(wanted)}. ${advice}`;
  return `The closest line is ${best.line}: ${quote(best.text)}. ${advice}`;
}

/** Dice coefficient over character pairs: cheap, and forgiving of small edits. */
function similarity(a: string, b: string): number {
  const left = a.slice(0, 300);
  const right = b.slice(0, 300);
  if (left.length < 2 || right.length < 2) return left === right ? 1 : 0;
  const pairs = new Map<string, number>();
  for (let i = 0; i < left.length - 1; i += 1) {
    const pair = left.slice(i, i + 2);
    pairs.set(pair, (pairs.get(pair) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i < right.length - 1; i += 1) {
    const pair = right.slice(i, i + 2);
    const count = pairs.get(pair) ?? 0;
    if (count > 0) {
      pairs.set(pair, count - 1);
      shared += 1;
    }
  }
  return (2 * shared) / (left.length - 1 + right.length - 1);
}

function quote(line: string): string {
  const trimmed = line.length > 160 ? `${line.slice(0, 160)}…` : line;
  return JSON.stringify(trimmed);
}
