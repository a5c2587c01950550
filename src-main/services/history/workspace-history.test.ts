import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commitWorkspace } from './commit-workspace';
import { makeWorkspace } from '../testing/workspace-fixture';
import { workspaceHistory } from './workspace-history';
import { expectOk } from '../testing/services-fixture';

describe('workspace history', () => {
  it('lists the branch’s own commits and counts ahead/behind as the base moves on', async () => {
    const ws = makeWorkspace();
    const fresh = expectOk(await workspaceHistory(ws.handle));
    expect(fresh).toMatchObject({ branch: 'braid/task', baseBranch: 'main', baseRef: 'refs/heads/main', ahead: 0, behind: 0, commits: [] });

    const first = ws.commitInWorkspace({ 'a.ts': 'a\n' }, 'Add a');
    const second = ws.commitInWorkspace({ 'b.ts': 'b\n' }, 'Add b');
    ws.commitOnBase({ 'README.md': '# moved on\n' }, 'Base 1');
    ws.commitOnBase({ 'c.ts': 'c\n' }, 'Base 2');
    ws.commitOnBase({ 'd.ts': 'd\n' }, 'Base 3');

    const history = expectOk(await workspaceHistory(ws.handle));
    expect(history.ahead).toBe(2);
    expect(history.behind).toBe(3);
    expect(history.mergeBase).toBe(ws.handle.baseCommit);
    expect(history.commits.map((commit) => [commit.sha, commit.subject, commit.author])).toEqual([
      [second, 'Add b', 'Braid Test'],
      [first, 'Add a', 'Braid Test'],
    ]);
    expect(history.commits[0]?.date).toBeGreaterThan(Date.UTC(2020, 0, 1));
    expect(history.truncated).toBe(false);
    expect(expectOk(await workspaceHistory(ws.handle, { limit: 1 }))).toMatchObject({ truncated: true, commits: [{ sha: second }] });
  });

  it('falls back to the recorded base commit when the base branch is deleted', async () => {
    const ws = makeWorkspace();
    ws.commitInWorkspace({ 'a.ts': 'a\n' }, 'Add a');
    ws.handle.baseBranch = 'gone';
    const history = expectOk(await workspaceHistory(ws.handle));
    expect(history).toMatchObject({ baseRef: null, ahead: 1, behind: 0, mergeBase: ws.handle.baseCommit });
  });

  it('refuses when the worktree folder is missing', async () => {
    const ws = makeWorkspace();
    rmSync(ws.handle.path, { recursive: true, force: true });
    const result = await workspaceHistory(ws.handle);
    expect(result.ok ? null : result.error.code).toBe('WORKSPACE_NOT_READY');
    const commit = await commitWorkspace(ws.handle);
    expect(commit.ok ? null : commit.error.code).toBe('WORKSPACE_NOT_READY');
  });
});

describe('committing a workspace', () => {
  it('commits staged, unstaged and untracked changes with a suggested message, leaving ignored files out', async () => {
    const ws = makeWorkspace({ 'README.md': '# app\n', 'src/nav.ts': 'export {};\n', '.gitignore': 'dist/\n' });
    ws.write({ 'src/nav.ts': 'export const nav = 1;\n', 'src/new.ts': 'new\n', 'docs/x.md': 'x\n', 'README.md': '# changed\n', 'dist/out.js': 'built' });
    ws.git('add', 'README.md');

    const result = expectOk(await commitWorkspace(ws.handle));
    expect(result.message).toBe('Update README.md and 3 other files');
    expect(ws.git('log', '-1', '--format=%s')).toBe('Update README.md and 3 other files');
    expect(ws.git('show', '--name-only', '--format=', 'HEAD').split('\n').sort()).toEqual(['README.md', 'docs/x.md', 'src/nav.ts', 'src/new.ts']);
    expect(ws.git('status', '--porcelain')).toBe('');
    expect(result.sha).toBe(ws.git('rev-parse', 'HEAD'));
  });

  it('uses a typed message, and says so when there is nothing to commit', async () => {
    const ws = makeWorkspace();
    const nothing = await commitWorkspace(ws.handle, { message: 'x' });
    expect(nothing.ok ? null : nothing.error.code).toBe('NOTHING_TO_COMMIT');
    ws.write({ 'a.ts': 'a\n' });
    expectOk(await commitWorkspace(ws.handle, { message: '  Wire the nav  ' }));
    expect(ws.git('log', '-1', '--format=%s')).toBe('Wire the nav');
  });
});
