/**
 * The unified diff of ONE file, as `git diff` prints it: the header lines (`diff --git`,
 * modes, `index`, `---`/`+++`) and the hunks. Enough to pick hunks out and hand a smaller
 * patch back to `git apply`; the diff engine (services/diffs) could share this parser.
 */

/** A hunk's place, as in `@@ -oldStart,oldLines +newStart,newLines @@`. */
export interface HunkRange {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
}

export interface DiffHunk extends HunkRange {
  /** The `@@ ... @@` line as git wrote it (with the function context, if any). */
  header: string;
  /** Body lines with their prefix: ' ' context, '-' removed, '+' added, '\' no newline at end. */
  lines: string[];
}

export interface FilePatch {
  headerLines: string[];
  hunks: DiffHunk[];
  /** Git said "Binary files ... differ": there are no hunks to act on. */
  binary: boolean;
}

const hunkHeader = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/**
 * Null when the output is empty (no difference). Hunk bodies are read by their line counts,
 * so content that looks like a header cannot end one early; a second `diff --git` (git
 * prints two for a file that became a symlink) ends the parse.
 */
export function parseFilePatch(output: string): FilePatch | null {
  if (output.trim() === '') return null;
  const lines = output.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const patch: FilePatch = { headerLines: [], hunks: [], binary: false };
  let current: DiffHunk | null = null;
  let oldLeft = 0;
  let newLeft = 0;
  for (const line of lines) {
    if (current && (oldLeft > 0 || newLeft > 0)) {
      current.lines.push(line);
      if (line.startsWith(' ')) {
        oldLeft -= 1;
        newLeft -= 1;
      } else if (line.startsWith('-')) oldLeft -= 1;
      else if (line.startsWith('+')) newLeft -= 1;
      continue;
    }
    if (current && line.startsWith('\\')) {
      current.lines.push(line);
      continue;
    }
    const header = hunkHeader.exec(line);
    if (header) {
      current = {
        oldStart: Number(header[1]),
        oldLines: header[2] === undefined ? 1 : Number(header[2]),
        newStart: Number(header[3]),
        newLines: header[4] === undefined ? 1 : Number(header[4]),
        header: line,
        lines: [],
      };
      oldLeft = current.oldLines;
      newLeft = current.newLines;
      patch.hunks.push(current);
    } else if (current || (patch.headerLines.length > 0 && line.startsWith('diff --git '))) {
      break;
    } else {
      patch.headerLines.push(line);
      if (line.startsWith('Binary files ') || line === 'GIT binary patch') patch.binary = true;
    }
  }
  return patch;
}

/**
 * A patch of some of the file's hunks, for `git apply`. Mode changes are left out when only
 * some hunks are taken: accepting or reverting a hunk should not flip the executable bit.
 */
export function formatPatch(patch: FilePatch, hunks: readonly DiffHunk[]): string {
  const partial = hunks.length < patch.hunks.length;
  const header = patch.headerLines.filter((line) => !partial || !/^(old|new) mode /.test(line));
  const body = hunks.flatMap((hunk) => [hunk.header, ...hunk.lines]);
  return `${[...header, ...body].join('\n')}\n`;
}

/** The hunk's added lines, without their '+'. */
export function addedLines(hunk: DiffHunk): string[] {
  return hunk.lines.filter((line) => line.startsWith('+')).map((line) => line.slice(1));
}

/** The hunk's removed lines, without their '-'. */
export function removedLines(hunk: DiffHunk): string[] {
  return hunk.lines.filter((line) => line.startsWith('-')).map((line) => line.slice(1));
}

export const rangeOf = (hunk: HunkRange): HunkRange => ({
  oldStart: hunk.oldStart,
  oldLines: hunk.oldLines,
  newStart: hunk.newStart,
  newLines: hunk.newLines,
});

export const sameRange = (a: HunkRange, b: HunkRange): boolean =>
  a.oldStart === b.oldStart && a.oldLines === b.oldLines && a.newStart === b.newStart && a.newLines === b.newLines;
