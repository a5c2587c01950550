import type { DiffHunk, DiffLine } from './diff-types';

/** One `diff --git` section of git's patch output. */
export interface PatchSection {
  /** The raw `diff --git a/… b/…` line, to tell sections apart by the bytes of their names. */
  headerLine: Buffer;
  oldMode?: string;
  newMode?: string;
  newFile: boolean;
  deletedFile: boolean;
  renamed: boolean;
  binary: boolean;
  hunks: DiffHunk[];
}

const sectionStart = Buffer.from('diff --git ');
const hunkHeader = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** Splits `git diff -p` output into sections (a typechange comes as a deletion plus an addition). */
export function parsePatch(output: Buffer): PatchSection[] {
  const sections: PatchSection[] = [];
  let start = output.indexOf(sectionStart);
  while (start !== -1) {
    let end = output.indexOf(Buffer.from(`\n${sectionStart.toString()}`), start);
    end = end === -1 ? output.length : end + 1;
    sections.push(parseSection(output.subarray(start, end)));
    start = end < output.length ? end : -1;
  }
  return sections;
}

function parseSection(bytes: Buffer): PatchSection {
  const firstNewline = bytes.indexOf(10);
  const headerLine = bytes.subarray(0, firstNewline === -1 ? bytes.length : firstNewline);
  const section: PatchSection = { headerLine, newFile: false, deletedFile: false, renamed: false, binary: false, hunks: [] };
  const lines = bytes.toString('utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let index = 1;
  // Extended header lines, up to the first hunk.
  for (; index < lines.length && !lines[index]!.startsWith('@@'); index++) {
    const line = lines[index]!;
    if (line.startsWith('old mode ')) section.oldMode = line.slice(9);
    else if (line.startsWith('new mode ')) section.newMode = line.slice(9);
    else if (line.startsWith('new file mode ')) {
      section.newFile = true;
      section.newMode = line.slice(14);
    } else if (line.startsWith('deleted file mode ')) {
      section.deletedFile = true;
      section.oldMode = line.slice(18);
    } else if (line.startsWith('rename from ') || line.startsWith('copy from ')) section.renamed = true;
    else if (line.startsWith('Binary files ') || line === 'GIT binary patch') section.binary = true;
    else if (line.startsWith('index ')) {
      const mode = line.split(' ')[2];
      if (mode && !section.oldMode && !section.newMode) section.oldMode = section.newMode = mode;
    }
  }
  let hunk: DiffHunk | undefined;
  let oldLine = 0;
  let newLine = 0;
  for (; index < lines.length; index++) {
    const line = lines[index]!;
    const match = hunkHeader.exec(line);
    if (match) {
      hunk = {
        oldStart: Number(match[1]),
        oldLines: match[2] === undefined ? 1 : Number(match[2]),
        newStart: Number(match[3]),
        newLines: match[4] === undefined ? 1 : Number(match[4]),
        header: line,
        lines: [],
      };
      section.hunks.push(hunk);
      oldLine = hunk.oldStart;
      newLine = hunk.newStart;
      continue;
    }
    if (!hunk) continue;
    const kind = line[0];
    if (kind === '\\') {
      const previous = hunk.lines[hunk.lines.length - 1];
      if (previous) previous.noNewlineAtEnd = true;
      continue;
    }
    const text = line.slice(1);
    let entry: DiffLine;
    if (kind === '+') entry = { kind: '+', text, newLine: newLine++ };
    else if (kind === '-') entry = { kind: '-', text, oldLine: oldLine++ };
    else entry = { kind: ' ', text, oldLine: oldLine++, newLine: newLine++ };
    hunk.lines.push(entry);
  }
  return section;
}

/** A hunk adding every line of `text` (an untracked file against nothing). */
export function additionHunk(text: string): DiffHunk[] {
  if (text.length === 0) return [];
  const endsWithNewline = text.endsWith('\n');
  const lines = (endsWithNewline ? text.slice(0, -1) : text).split('\n');
  const hunk: DiffHunk = {
    oldStart: 0,
    oldLines: 0,
    newStart: 1,
    newLines: lines.length,
    header: `@@ -0,0 +1${lines.length === 1 ? '' : `,${lines.length}`} @@`,
    lines: lines.map((line, i) => ({ kind: '+', text: line, newLine: i + 1 })),
  };
  if (!endsWithNewline) hunk.lines[hunk.lines.length - 1]!.noNewlineAtEnd = true;
  return [hunk];
}
