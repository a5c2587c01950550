import { describe, expect, it } from 'vitest';
import { addedLines, changeRanges, hunkRange as rangeOf, removedLines, type Hunk as DiffHunk } from './hunk';
import { findHunk, overlappingOnNewSide } from './hunk-selection';
import { formatPatch, parseFilePatch } from './unified-diff';

const output = [
  'diff --git a/a.ts b/a.ts',
  'old mode 100644',
  'new mode 100755',
  'index 1111111..2222222',
  '--- a/a.ts',
  '+++ b/a.ts',
  '@@ -2 +2 @@ function top() {',
  '-old two',
  '+new two',
  '@@ -5,0 +6,2 @@',
  '+--- looks like a header',
  '+@@ -1 +1 @@ looks like a hunk',
  '@@ -9,2 +11,0 @@',
  '-gone',
  '-last',
  '\\ No newline at end of file',
  '',
].join('\n');

describe('one file’s unified diff', () => {
  it('reads hunks by their line counts, so content that looks like a header stays content', () => {
    const patch = parseFilePatch(output)!;
    const [first, second, third] = patch.hunks as [DiffHunk, DiffHunk, DiffHunk];
    expect(patch.hunks.map(rangeOf)).toEqual([
      { oldStart: 2, oldLines: 1, newStart: 2, newLines: 1 },
      { oldStart: 5, oldLines: 0, newStart: 6, newLines: 2 },
      { oldStart: 9, oldLines: 2, newStart: 11, newLines: 0 },
    ]);
    expect(addedLines(first)).toEqual(['new two']);
    expect(addedLines(second)).toEqual(['--- looks like a header', '@@ -1 +1 @@ looks like a hunk']);
    expect(removedLines(third)).toEqual(['gone', 'last']);
    expect(third.lines.at(-1)).toEqual({ kind: '-', text: 'last', oldLine: 10, noNewlineAtEnd: true });
    expect(parseFilePatch('')).toBeNull();
  });

  it('writes a patch of some hunks without the mode change, and all of them with it', () => {
    const patch = parseFilePatch(output)!;
    const some = formatPatch(patch, patch.hunks.slice(1, 2));
    expect(some).not.toContain('mode');
    expect(some).toContain('@@ -5,0 +6,2 @@\n+--- looks like a header\n');
    expect(formatPatch(patch, patch.hunks)).toBe(output);
  });

  it('notices binary files', () => {
    expect(parseFilePatch('diff --git a/x.png b/x.png\nindex 1..2 100644\nBinary files a/x.png and b/x.png differ\n')).toMatchObject({ binary: true, hunks: [] });
  });
});

describe('choosing hunks', () => {
  const zeroPatch = parseFilePatch(output)!;
  const zero = zeroPatch.hunks as [DiffHunk, DiffHunk, DiffHunk];
  /** The same change at three lines of context: lines 2 and 6-7 are one hunk. */
  const groupedPatch = parseFilePatch(
    [
      'diff --git a/a.ts b/a.ts',
      '--- a/a.ts',
      '+++ b/a.ts',
      '@@ -1,8 +1,10 @@',
      ' one',
      '-old two',
      '+new two',
      ' three',
      ' four',
      ' five',
      '+--- looks like a header',
      '+@@ -1 +1 @@ looks like a hunk',
      ' six',
      ' seven',
      ' eight',
      '',
    ].join('\n'),
  )!;

  it('maps a grouped (context) hunk onto the zero-context hunks inside it, and refuses unknown ones', () => {
    const grouped = groupedPatch.hunks[0]!;
    expect(changeRanges(grouped)).toEqual([rangeOf(zero[0]), rangeOf(zero[1])]);
    expect(findHunk([zeroPatch], { oldStart: 9, oldLines: 2, newStart: 11, newLines: 0 })).toEqual({ patch: zeroPatch, hunk: zero[2] });
    expect(findHunk([zeroPatch, groupedPatch], { oldStart: 3, oldLines: 1, newStart: 3, newLines: 1 })).toBeNull();
  });

  it('finds the uncommitted hunks on the same lines of the working tree, not their neighbours', () => {
    const candidates: DiffHunk[] = [
      { oldStart: 2, oldLines: 1, newStart: 2, newLines: 1, header: '', lines: [] },
      { oldStart: 3, oldLines: 1, newStart: 3, newLines: 1, header: '', lines: [] },
      { oldStart: 10, oldLines: 1, newStart: 10, newLines: 0, header: '', lines: [] },
    ];
    expect(overlappingOnNewSide([{ oldStart: 2, oldLines: 1, newStart: 2, newLines: 1 }], candidates)).toEqual([candidates[0]]);
    // A deletion right after line 10 of the working tree touches a hunk ending there.
    expect(overlappingOnNewSide([{ oldStart: 8, oldLines: 0, newStart: 9, newLines: 2 }], candidates)).toEqual([candidates[2]]);
  });
});
