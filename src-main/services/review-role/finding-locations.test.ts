import { describe, expect, it } from 'vitest';
import type { ReviewFindingInput } from '../../../src-shared/contract';
import { fileDiff, workspaceDiff } from '../diffs';
import { expectOk } from '../testing/services-fixture';
import { makeWorkspace } from '../testing/workspace-fixture';
import { locateFindings } from './finding-locations';

const lines = (count: number, label: string) => Array.from({ length: count }, (_, index) => `${label} ${index + 1}`).join('\n') + '\n';

/**
 * A workspace whose diff against the merge-base has: `src/long.ts` (40 lines) with line 5 and
 * line 30 changed (two hunks, 2–8 and 27–33 on the new side with their context), a new file, a
 * deleted file, a renamed file, and an unchanged file.
 */
async function reviewedWorkspace() {
  const workspace = makeWorkspace({ 'src/long.ts': lines(40, 'line'), 'src/gone.ts': 'bye\n', 'src/old-name.ts': lines(10, 'kept'), 'README.md': '# app\n' });
  const changed = lines(40, 'line').replace('line 5\n', 'line five\n').replace('line 30\n', 'line thirty\n');
  workspace.write({ 'src/long.ts': changed, 'src/new.ts': 'export const fresh = true;\n' });
  workspace.remove('src/gone.ts');
  workspace.git('mv', 'src/old-name.ts', 'src/new-name.ts');
  const diff = expectOk(await workspaceDiff(workspace));
  return { files: diff.files, fileDiff: (file: (typeof diff.files)[number]) => fileDiff(workspace, file) };
}

const finding = (file: string, lineStart?: number, lineEnd?: number): ReviewFindingInput => ({
  title: 'A problem',
  priority: 'P2',
  confidence: 0.5,
  file,
  body: 'Why it matters.',
  ...(lineStart === undefined ? {} : { lineStart, lineEnd: lineEnd ?? lineStart }),
});

describe('where a finding is in the diff (the diff core’s hunks, as DiffLens shows them)', () => {
  it('places findings on changed lines, on shown context, about whole files; keeps the code there as the anchor', async () => {
    const diff = await reviewedWorkspace();
    const { located, problems } = await locateFindings(
      [finding('src/long.ts', 5), finding('src/long.ts', 2, 3), finding('./src/long.ts', 29, 31), finding('src/new.ts', 1), finding('src/gone.ts'), finding('src/new-name.ts')],
      diff,
    );
    expect(problems).toEqual([]);
    expect(located.map(({ path, lineStart, lineEnd, anchorText }) => [path, lineStart, lineEnd, anchorText])).toEqual([
      ['src/long.ts', 5, 5, 'line five'],
      ['src/long.ts', 2, 3, 'line 2\nline 3'],
      ['src/long.ts', 29, 31, 'line 29\nline thirty\nline 31'],
      ['src/new.ts', 1, 1, 'export const fresh = true;'],
      ['src/gone.ts', null, null, null],
      ['src/new-name.ts', null, null, null],
    ]);
  });

  it('refuses each place not in the diff with the reason and the lines that are', async () => {
    const diff = await reviewedWorkspace();
    const { located, problems } = await locateFindings(
      [
        finding('src/long.ts', 15, 20),
        finding('src/long.ts', 41, 42),
        finding('README.md', 1),
        finding('src/old-name.ts'),
        finding('src/gone.ts', 1),
        finding('src/long.ts', 8, 8),
      ],
      diff,
    );
    expect(problems).toEqual([
      'findings[0]: src/long.ts:15–20 is not in the diff; the lines of src/long.ts in the diff are 2–8, 27–33 (changed: 5, 30)',
      'findings[1]: src/long.ts:41–42 is past the end of src/long.ts, which has 40 lines',
      'findings[2].file: README.md is not a changed file of this workspace; the changed files are src/gone.ts, src/long.ts, src/new-name.ts, src/new.ts',
      'findings[3].file: src/old-name.ts was renamed to src/new-name.ts; name the file as it is now (src/new-name.ts)',
      'findings[4]: src/gone.ts was deleted: it has no lines any more; report the finding about the whole file (leave out lineStart and lineEnd)',
    ]);
    // Line 8 is context DiffLens shows around the change at 5: a finding may sit there.
    expect(located.map((place) => [place.path, place.lineStart])).toEqual([['src/long.ts', 8]]);
  });
});
