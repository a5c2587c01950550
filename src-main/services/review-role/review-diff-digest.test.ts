import { describe, expect, it } from 'vitest';
import { workspaceDiff } from '../diffs';
import { expectOk } from '../testing/services-fixture';
import { makeWorkspace } from '../testing/workspace-fixture';
import { reviewDiffDigest } from './review-diff-digest';

describe('the diff a reviewer is briefed with', () => {
  it('lists every changed file, then patches while the budget lasts, naming the files left out and how to read them', async () => {
    const workspace = makeWorkspace({ 'src/a.ts': 'export const a = 1;\n', 'src/b.ts': 'export const b = 1;\n' });
    workspace.write({ 'src/a.ts': 'export const a = 2;\n', 'src/b.ts': `export const b = "${'x'.repeat(400)}";\n`, 'notes.md': 'a `code` span and ```fences```\n' });
    const diff = expectOk(await workspaceDiff(workspace));
    const digest = await reviewDiffDigest(workspace, diff, 400);
    expect(digest).toContain(`Changed files against the merge-base ${diff.mergeBase} (3 files, +3 −2):`);
    expect(digest).toContain('A notes.md (+1 −0)');
    expect(digest).toContain('M src/a.ts (+1 −1)');
    expect(digest).toContain('M src/b.ts (+1 −1)');
    // The patches that fit, in a fence longer than any run of backticks inside them.
    expect(digest).toContain('````diff');
    expect(digest).toContain('+a `code` span and ```fences```');
    expect(digest).toContain('-export const a = 1;\n+export const a = 2;');
    expect(digest).not.toContain('x'.repeat(400));
    expect(digest).toContain(`Not shown here: src/b.ts (over the prompt's budget). Read them with read_file, or with run_command: \`git diff ${diff.mergeBase} -- <path>\``);
  });
});
