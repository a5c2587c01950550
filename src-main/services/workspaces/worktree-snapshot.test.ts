import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRepo, git } from '../../testing/git-fixtures';
import { tempFolder } from '../testing/temp-folders';
import { snapshotWorkspace } from './worktree-snapshot';

describe('snapshotWorkspace', () => {
  it('sees a same-size edit made in the same second as the checkout (racy git)', async () => {
    const repo = createRepo({ path: join(tempFolder('braid-snapshot-'), 'app'), files: { 'a.txt': 'line 5\n' } }).path;
    const index = join(repo, '.git', 'index');
    // The file and the index were written in the same second; the edit keeps size and mtime second.
    const second = Math.floor(Date.now() / 1000) - 10;
    utimesSync(join(repo, 'a.txt'), second, second);
    git(repo, 'update-index', '--refresh');
    writeFileSync(join(repo, 'a.txt'), 'from A\n');
    utimesSync(join(repo, 'a.txt'), second, second);
    utimesSync(index, second, second);
    const snapshot = await snapshotWorkspace(repo);
    expect(snapshot?.uncommitted).toEqual([{ status: 'M', path: 'a.txt' }]);
    expect(git(repo, 'show', `${snapshot?.tree}:a.txt`)).toBe('from A');
  });
});
