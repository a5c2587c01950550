import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectOk } from '../testing/services-fixture';
import { tempFolder } from '../testing/temp-folders';
import { mergeInProgress } from './merge-in-progress';
import { makeWorkspace } from '../testing/workspace-fixture';

const markers = ['<<<<<<< HEAD', 'ours', '=======', 'theirs', '>>>>>>> main', ''].join('\n');

describe('a merge waiting in the workspace', () => {
  it('finds conflict markers in the worktree’s own files, never through a link out of it', async () => {
    const ws = makeWorkspace({ 'dir/file.txt': 'base\n' });
    ws.commitOnBase({ 'dir/file.txt': 'main change\n' }, 'main edits');
    ws.commitInWorkspace({ 'dir/file.txt': 'task change\n' }, 'task edits');
    expect(() => ws.git('merge', '--no-edit', 'main')).toThrow();
    expect(expectOk(await mergeInProgress(ws.handle))).toEqual({ conflicted: ['dir/file.txt'], unresolved: ['dir/file.txt'] });

    // The folder becomes a link to one outside holding a file of that name, markers and all.
    const outside = tempFolder('braid-outside-');
    writeFileSync(join(outside, 'file.txt'), markers);
    rmSync(join(ws.handle.path, 'dir'), { recursive: true });
    symlinkSync(outside, join(ws.handle.path, 'dir'));
    expect(expectOk(await mergeInProgress(ws.handle))).toEqual({ conflicted: ['dir/file.txt'], unresolved: [] });
  });
});
