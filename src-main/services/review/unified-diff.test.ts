import { describe, expect, it } from 'vitest';
import { overlappingOnNewSide, resolveRequestedHunk } from './hunk-selection';
import { addedLines, formatPatch, parseFilePatch, rangeOf, removedLines, type DiffHunk } from './unified-diff';

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
    expect(third.lines.at(-1)).toBe('\\ No newline at end of file');
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
  const zero = parseFilePatch(output)!.hunks as [DiffHunk, DiffHunk, DiffHunk];

  it('maps a grouped (context) hunk onto the zero-context hunks inside it, and refuses unknown ones', () => {
    const grouped = [{ oldStart: 1, oldLines: 8, newStart: 1, newLines: 10, header: '', lines: [] }];
    expect(resolveRequestedHunk({ oldStart: 1, oldLines: 8, newStart: 1, newLines: 10 }, zero, grouped)?.map(rangeOf)).toEqual([rangeOf(zero[0]), rangeOf(zero[1])]);
    expect(resolveRequestedHunk({ oldStart: 9, oldLines: 2, newStart: 11, newLines: 0 }, zero, [])).toEqual([zero[2]]);
    expect(resolveRequestedHunk({ oldStart: 3, oldLines: 1, newStart: 3, newLines: 1 }, zero, grouped)).toBeNull();
  });

  it('finds the uncommitted hunks on the same lines of the working tree, not their neighbours', () => {
    const candidates = [
      { oldStart: 2, oldLines: 1, newStart: 2, newLines: 1, header: '', lines: [] },
      { oldStart: 3, oldLines: 1, newStart: 3, newLines: 1, header: '', lines: [] },
      { oldStart: 10, oldLines: 1, newStart: 10, newLines: 0, header: '', lines: [] },
    ];
    expect(overlappingOnNewSide([{ oldStart: 2, oldLines: 1, newStart: 2, newLines: 1 }], candidates)).toEqual([candidates[0]]);
    // A deletion right after line 10 of the working tree touches a hunk ending there.
    expect(overlappingOnNewSide([{ oldStart: 8, oldLines: 0, newStart: 9, newLines: 2 }], candidates)).toEqual([candidates[2]]);
  });
});
