/**
 * Git's conflict markers in a merged text: finding them, and settling every marked block one
 * way (ours, theirs, or both one after the other) for the three-way view's quick actions.
 *
 *   <<<<<<< ours-label
 *   ours lines
 *   ||||||| base-label      (only with diff3/zdiff3 style)
 *   base lines
 *   =======
 *   theirs lines
 *   >>>>>>> theirs-label
 */

export type MergedSegment =
  | { kind: 'text'; lines: string[] }
  | { kind: 'conflict'; ours: string[]; base: string[] | null; theirs: string[] };

const openMarker = /^<{7}(?: |\r?\n|$)/;
const baseMarker = /^\|{7}(?: |\r?\n|$)/;
const separatorMarker = /^={7}(?:\r?\n|$)/;
const closeMarker = /^>{7}(?: |\r?\n|$)/;

/** Lines with their line endings kept, so joining them gives the text back byte for byte. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  return text.split(/(?<=\n)/);
}

/**
 * Splits a merged text into plain runs and marked blocks. An unterminated block (the user
 * deleted a closing marker) stays plain text, so `hasConflictMarkers` still sees its opener.
 */
export function parseConflictBlocks(text: string): MergedSegment[] {
  const lines = splitLines(text);
  const segments: MergedSegment[] = [];
  let plain: string[] = [];
  let index = 0;
  while (index < lines.length) {
    const block = openMarker.test(lines[index]!) ? readBlock(lines, index) : null;
    if (!block) {
      plain.push(lines[index]!);
      index += 1;
      continue;
    }
    if (plain.length > 0) segments.push({ kind: 'text', lines: plain });
    plain = [];
    segments.push(block.segment);
    index = block.next;
  }
  if (plain.length > 0) segments.push({ kind: 'text', lines: plain });
  return segments;
}

function readBlock(lines: readonly string[], start: number): { segment: MergedSegment; next: number } | null {
  const ours: string[] = [];
  let base: string[] | null = null;
  const theirs: string[] = [];
  let part: 'ours' | 'base' | 'theirs' = 'ours';
  for (let index = start + 1; index < lines.length; index += 1) {
    const line = lines[index]!;
    if (part === 'ours' && baseMarker.test(line)) {
      part = 'base';
      base = [];
    } else if (part !== 'theirs' && separatorMarker.test(line)) {
      part = 'theirs';
    } else if (part === 'theirs' && closeMarker.test(line)) {
      return { segment: { kind: 'conflict', ours, base, theirs }, next: index + 1 };
    } else if (openMarker.test(line)) {
      // A new block starts before this one closed: this one is not a real block.
      return null;
    } else {
      (part === 'ours' ? ours : part === 'base' ? (base as string[]) : theirs).push(line);
    }
  }
  return null;
}

/**
 * Whether a result still carries conflict markers. `<<<<<<<` and `>>>>>>>` lines always count;
 * a lone `=======` or `|||||||` line counts only when none of the file's own versions has such
 * a line (Markdown underlines and the like are legitimate).
 */
export function hasConflictMarkers(text: string, originals: readonly (string | null | undefined)[] = []): boolean {
  const legitimate = new Set<string>();
  for (const original of originals) {
    if (!original) continue;
    for (const line of splitLines(original)) {
      if (separatorMarker.test(line) || baseMarker.test(line)) legitimate.add(line.replace(/\r?\n$/, ''));
    }
  }
  return splitLines(text).some((line) => {
    if (openMarker.test(line) || closeMarker.test(line)) return true;
    if (separatorMarker.test(line) || baseMarker.test(line)) return !legitimate.has(line.replace(/\r?\n$/, ''));
    return false;
  });
}

export type BlockChoice = 'ours' | 'theirs' | 'both';

/** Every marked block replaced by one side, or by ours followed by theirs. */
export function settleConflictBlocks(text: string, choice: BlockChoice): string {
  return parseConflictBlocks(text)
    .map((segment) => {
      if (segment.kind === 'text') return segment.lines.join('');
      if (choice === 'ours') return segment.ours.join('');
      if (choice === 'theirs') return segment.theirs.join('');
      // Every line of ours ends with a newline (a marker line follows it), so they cannot fuse.
      return segment.ours.join('') + segment.theirs.join('');
    })
    .join('');
}

/** How many marked blocks a text has (for "2 conflicts left" hints). */
export function countConflictBlocks(text: string): number {
  return parseConflictBlocks(text).filter((segment) => segment.kind === 'conflict').length;
}
