import { hunkHeader, type Hunk, type HunkLine } from './hunk';

/**
 * One `diff --git` section of git's patch output: one file's header and hunks. (A file that
 * became a symbolic link, or stopped being one, is printed as two sections: a deletion and an
 * addition.)
 */
export interface FilePatch {
  /** The raw `diff --git a/… b/…` line, to tell sections apart by the bytes of their names. */
  headerLine: Buffer;
  /** Every header line as git wrote it (`diff --git`, modes, `index`, renames, `---`/`+++`). */
  headerLines: string[];
  oldMode?: string;
  newMode?: string;
  newFile: boolean;
  deletedFile: boolean;
  renamed: boolean;
  /** Git said "Binary files ... differ": there are no hunks to show or act on. */
  binary: boolean;
  hunks: Hunk[];
}

const sectionStart = Buffer.from('diff --git ');
const nextSection = Buffer.from('\ndiff --git ');
const hunkHeaderPattern = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
const noNewlineMarker = '\\ No newline at end of file';

/**
 * The one parser of git's unified diffs (`git diff -p`, any context): every section, in
 * order. Body lines always carry their prefix, so content that looks like a header (`+@@ …`,
 * `+--- …`) stays content; bodies are read by their line counts, so an empty body line
 * (`diff.suppressBlankEmpty`) is a blank context line and nothing after the last hunk is
 * taken for one. Text is decoded as UTF-8; names keep their bytes in `headerLine`.
 */
export function parseUnifiedDiff(output: Buffer | string): FilePatch[] {
  const bytes = typeof output === 'string' ? Buffer.from(output, 'utf8') : output;
  const patches: FilePatch[] = [];
  let start = bytes.indexOf(sectionStart);
  while (start !== -1) {
    const next = bytes.indexOf(nextSection, start);
    const end = next === -1 ? bytes.length : next + 1;
    patches.push(parseSection(bytes.subarray(start, end)));
    start = next === -1 ? -1 : end;
  }
  return patches;
}

/** One file's diff as a single section (its first), or null when git printed nothing. */
export function parseFilePatch(output: Buffer | string): FilePatch | null {
  return parseUnifiedDiff(output)[0] ?? null;
}

function parseSection(bytes: Buffer): FilePatch {
  const firstNewline = bytes.indexOf(10);
  const patch: FilePatch = {
    headerLine: bytes.subarray(0, firstNewline === -1 ? bytes.length : firstNewline),
    headerLines: [],
    newFile: false,
    deletedFile: false,
    renamed: false,
    binary: false,
    hunks: [],
  };
  const lines = bytes.toString('utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  let index = 0;
  for (; index < lines.length && !hunkHeaderPattern.test(lines[index]!); index++) readHeaderLine(patch, lines[index]!);

  let hunk: Hunk | undefined;
  let oldLeft = 0;
  let newLeft = 0;
  let oldLine = 0;
  let newLine = 0;
  for (; index < lines.length; index++) {
    const line = lines[index]!;
    // A body line always starts with its prefix (' ', '-', '+'), so '@@' is always a header.
    const header = line.charCodeAt(0) === 64 ? hunkHeaderPattern.exec(line) : null;
    if (header) {
      hunk = {
        oldStart: Number(header[1]),
        oldLines: header[2] === undefined ? 1 : Number(header[2]),
        newStart: Number(header[3]),
        newLines: header[4] === undefined ? 1 : Number(header[4]),
        header: line,
        lines: [],
      };
      patch.hunks.push(hunk);
      oldLeft = hunk.oldLines;
      newLeft = hunk.newLines;
      oldLine = hunk.oldStart;
      newLine = hunk.newStart;
      continue;
    }
    if (!hunk) continue;
    if (line.startsWith('\\')) {
      const previous = hunk.lines.at(-1);
      if (previous) previous.noNewlineAtEnd = true;
      continue;
    }
    // Read by the counts: an empty line (`diff.suppressBlankEmpty`) is a blank context line.
    if (oldLeft <= 0 && newLeft <= 0) continue;
    const kind = line[0];
    const text = line.slice(1);
    if (kind === '+') {
      hunk.lines.push({ kind: '+', text, newLine: newLine++ });
      newLeft -= 1;
    } else if (kind === '-') {
      hunk.lines.push({ kind: '-', text, oldLine: oldLine++ });
      oldLeft -= 1;
    } else {
      hunk.lines.push({ kind: ' ', text, oldLine: oldLine++, newLine: newLine++ });
      oldLeft -= 1;
      newLeft -= 1;
    }
  }
  return patch;
}

function readHeaderLine(patch: FilePatch, line: string): void {
  patch.headerLines.push(line);
  if (line.startsWith('old mode ')) patch.oldMode = line.slice(9);
  else if (line.startsWith('new mode ')) patch.newMode = line.slice(9);
  else if (line.startsWith('new file mode ')) {
    patch.newFile = true;
    patch.newMode = line.slice(14);
  } else if (line.startsWith('deleted file mode ')) {
    patch.deletedFile = true;
    patch.oldMode = line.slice(18);
  } else if (line.startsWith('rename from ') || line.startsWith('copy from ')) patch.renamed = true;
  else if (line.startsWith('Binary files ') || line === 'GIT binary patch') patch.binary = true;
  else if (line.startsWith('index ')) {
    const mode = line.split(' ')[2];
    if (mode && !patch.oldMode && !patch.newMode) patch.oldMode = patch.newMode = mode;
  }
}

export interface FormatPatchOptions {
  /**
   * The hunks as a change of the file where it is now: a rename's header is dropped, so
   * reversing them in the working tree undoes the lines and leaves the name alone.
   */
  inPlace?: boolean;
}

/**
 * A patch of some of the section's hunks, for `git apply`. Mode changes are left out when only
 * some hunks are taken: accepting or reverting a hunk should not flip the executable bit.
 */
export function formatPatch(patch: FilePatch, hunks: readonly Hunk[], options: FormatPatchOptions = {}): string {
  const partial = hunks.length < patch.hunks.length;
  let header = patch.headerLines.filter((line) => !partial || !/^(old|new) mode /.test(line));
  if (options.inPlace && patch.renamed) header = inPlaceHeader(header);
  const body = hunks.flatMap((hunk) => [hunk.header, ...hunk.lines.flatMap(formatLine)]);
  return `${[...header, ...body].join('\n')}\n`;
}

/** A patch of some hunks of a file's sections (`readFileDiff`'s answer), each hunk with its own section's header. */
export function formatFilePatch(patches: readonly FilePatch[], hunks: readonly Hunk[], options: FormatPatchOptions = {}): string {
  return patches
    .map((patch) => ({ patch, chosen: patch.hunks.filter((hunk) => hunks.includes(hunk)) }))
    .filter(({ chosen }) => chosen.length > 0)
    .map(({ patch, chosen }) => formatPatch(patch, chosen, options))
    .join('');
}

const formatLine = (line: HunkLine): string[] => (line.noNewlineAtEnd ? [`${line.kind}${line.text}`, noNewlineMarker] : [`${line.kind}${line.text}`]);

/** A rename's header as a change of the new name: `a/` and `b/` both name the file as it is now. */
function inPlaceHeader(lines: readonly string[]): string[] {
  const plus = lines.find((line) => line.startsWith('+++ '));
  if (!plus) return [...lines];
  const newName = plus.slice(4);
  const oldName = newName.replace(/^("?)b\//, '$1a/');
  return lines
    .filter((line) => !/^(rename|copy) (from|to) |^(similarity|dissimilarity) index /.test(line))
    .map((line) => (line.startsWith('diff --git ') ? `diff --git ${oldName} ${newName}` : line.startsWith('--- ') ? `--- ${oldName}` : line));
}

/**
 * A file against nothing, as `git diff --no-index /dev/null <file>` prints it: one hunk adding
 * every line (none for an empty file, none when `binary`). Built from content read by the
 * caller: an untracked file never goes through git's diff (see untracked-patch.ts).
 */
export function additionPatch(path: string, content: Buffer, options: { mode: string; binary?: boolean; withoutHunks?: boolean }): FilePatch {
  const headerLines = [`diff --git a/${path} b/${path}`, `new file mode ${options.mode}`];
  const patch: FilePatch = { headerLine: Buffer.from(headerLines[0]!), headerLines, newMode: options.mode, newFile: true, deletedFile: false, renamed: false, binary: false, hunks: [] };
  if (options.binary) {
    headerLines.push(`Binary files /dev/null and b/${path} differ`);
    patch.binary = true;
    return patch;
  }
  if (content.length === 0 || options.withoutHunks) return patch;
  const text = content.toString('utf8');
  const endsWithNewline = text.endsWith('\n');
  const lines = (endsWithNewline ? text.slice(0, -1) : text).split('\n');
  const range = { oldStart: 0, oldLines: 0, newStart: 1, newLines: lines.length };
  const hunk: Hunk = { ...range, header: hunkHeader(range), lines: lines.map((line, i) => ({ kind: '+', text: line, newLine: i + 1 })) };
  if (!endsWithNewline) hunk.lines.at(-1)!.noNewlineAtEnd = true;
  headerLines.push('--- /dev/null', `+++ b/${path}`);
  patch.hunks.push(hunk);
  return patch;
}
