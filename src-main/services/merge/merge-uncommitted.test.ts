import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { git, gitEnv } from '../../testing/git-fixtures';
import { expectFail, expectOk, makeMergeFixture } from '../testing/merge-fixture';
import type { MergePreview } from './merge-types';

const files = { 'a.txt': 'a1\na2\na3\n', 'b.txt': 'b1\n', 'gone.txt': 'soon deleted\n', '.gitignore': 'build/\n' };

/** Exit code of `git <args>`: 0 yes, 1 no. */
function gitStatus(cwd: string, args: string[]): number {
  try {
    execFileSync('git', args, { cwd, env: gitEnv, stdio: 'pipe' });
    return 0;
  } catch (error) {
    return (error as { status: number }).status;
  }
}

/** Commit dates for the commits the service writes, as if the clock had moved on. */
function clockAt(seconds: number): void {
  vi.stubEnv('GIT_COMMITTER_DATE', `${seconds} +0000`);
  vi.stubEnv('GIT_AUTHOR_DATE', `${seconds} +0000`);
}

const pinOf = (preview: MergePreview) => ({
  targetCommit: preview.targetCommit,
  workspaceHead: preview.workspaceHead,
  uncommittedCommit: preview.uncommittedCommit?.sha ?? null,
});

/** An agent's work left as it wrote it: a modified file, a new untracked one, a deleted one, and an ignored build output. */
function leaveAgentWork(folder: string): void {
  writeFileSync(join(folder, 'a.txt'), 'a1\nAGENT\na3\n');
  writeFileSync(join(folder, 'new.txt'), 'written by the agent\n');
  rmSync(join(folder, 'gone.txt'));
  execFileSync('mkdir', ['-p', join(folder, 'build')]);
  writeFileSync(join(folder, 'build', 'out.js'), 'ignored\n');
}

describe('merging a workspace whose work is uncommitted', () => {
  it('takes the uncommitted and untracked files by default; every commit id shown exists in main afterwards', async () => {
    const f = makeMergeFixture(files);
    const ws = f.addWorkspace('agent-work');
    leaveAgentWork(ws.path);
    f.repo.commit({ 'b.txt': 'b1\nmain moved\n' }, 'Main moves');

    clockAt(1_800_000_000);
    const preview = expectOk(await f.service.previewMerge(f.project, ws, { strategy: 'merge' }));
    expect(preview.blocked).toBeNull();
    expect(preview.clean).toBe(true);
    expect(preview.includesUncommitted).toBe(true);
    expect(preview.uncommitted).toEqual([
      { status: 'M', path: 'a.txt' },
      { status: 'D', path: 'gone.txt' },
      { status: 'A', path: 'new.txt' },
    ]);
    expect(preview.uncommittedCommit?.subject).toBe('Uncommitted changes from braid/agent-work');
    expect(preview.commits).toEqual([preview.uncommittedCommit]);
    // The preview wrote no ref: the commit is a loose object until the merge lands.
    expect(f.rev(ws.branch)).toBe(preview.workspaceHead);

    // Time passes between the preview and the click; the previewed commit is still the one that lands.
    clockAt(1_800_000_100);
    const outcome = expectOk(await f.service.mergeWorkspace(f.project, ws, { strategy: 'merge' }, pinOf(preview)));
    if (outcome.status !== 'merged') throw new Error('expected a merge');
    const main = f.rev('main');
    for (const commit of preview.commits) expect(gitStatus(f.repo.path, ['merge-base', '--is-ancestor', commit.sha, main]), commit.sha).toBe(0);
    expect(outcome.merged.workspaceCommit).toBe(preview.uncommittedCommit?.sha);
    expect(f.rev(ws.branch)).toBe(preview.uncommittedCommit?.sha);
    // What the history gained, as "Commits that landed" lists it: the workspace's commit and the merge commit.
    expect(outcome.merged.landedOnTarget.total).toBe(2);
    expect(outcome.merged.landedOnTarget.commits.map((commit) => commit.sha)).toEqual([preview.uncommittedCommit?.sha, main]);
    for (const commit of outcome.merged.landedOnTarget.commits) expect(gitStatus(f.repo.path, ['merge-base', '--is-ancestor', commit.sha, main])).toBe(0);

    expect(f.show('main', 'a.txt')).toBe('a1\nAGENT\na3\n');
    expect(f.show('main', 'new.txt')).toBe('written by the agent\n');
    expect(f.show('main', 'gone.txt')).toBeNull();
    expect(f.show('main', 'build/out.js')).toBeNull();
    // The workspace's work is its branch's head now; its folder has nothing uncommitted left.
    expect(git(ws.path, 'status', '--porcelain')).toBe('');
  });

  it('every commit id shown exists after a squash too, and what landed is reachable from main', async () => {
    const f = makeMergeFixture(files);
    const ws = f.addWorkspace('squashed');
    f.commitIn(ws.path, { 'b.txt': 'b1\ncommitted\n' }, 'Committed part');
    leaveAgentWork(ws.path);
    clockAt(1_800_000_000);
    const preview = expectOk(await f.service.previewMerge(f.project, ws, { strategy: 'squash' }));
    expect(preview.commits.map((commit) => commit.subject)).toEqual(['Committed part', 'Uncommitted changes from braid/squashed']);
    clockAt(1_800_000_100);
    const outcome = expectOk(await f.service.mergeWorkspace(f.project, ws, { strategy: 'squash' }, pinOf(preview)));
    if (outcome.status !== 'merged') throw new Error('expected a merge');
    // The squashed commits stay on the workspace branch; main gained the one squash commit.
    for (const commit of preview.commits) expect(gitStatus(f.repo.path, ['merge-base', '--is-ancestor', commit.sha, ws.branch]), commit.sha).toBe(0);
    expect(outcome.merged.landedOnTarget).toEqual({ total: 1, commits: [{ sha: f.rev('main'), subject: 'Squashed 2 commits from braid/squashed' }] });
  });

  it('a preview shown again for the same files names the same commit, even seconds later, and that commit lands', async () => {
    const f = makeMergeFixture(files);
    const ws = f.addWorkspace('agent-work');
    leaveAgentWork(ws.path);
    clockAt(1_800_000_000);
    const first = expectOk(await f.service.previewMerge(f.project, ws, { strategy: 'merge' }));
    clockAt(1_800_000_042);
    const again = expectOk(await f.service.previewMerge(f.project, ws, { strategy: 'merge' }));
    expect(again.uncommittedCommit?.sha).toBe(first.uncommittedCommit?.sha);
    const outcome = expectOk(await f.service.mergeWorkspace(f.project, ws, { strategy: 'merge' }, pinOf(again)));
    expect(outcome.status).toBe('merged');
    expect(gitStatus(f.repo.path, ['merge-base', '--is-ancestor', first.uncommittedCommit!.sha, 'main'])).toBe(0);
    // New work after the merge is another commit of its own.
    writeFileSync(join(ws.path, 'a.txt'), 'a1\nAGENT AGAIN\na3\n');
    const changed = expectOk(await f.service.previewMerge(f.project, ws, { strategy: 'merge' }));
    expect(changed.uncommittedCommit?.sha).toBeDefined();
    expect(changed.uncommittedCommit?.sha).not.toBe(first.uncommittedCommit?.sha);
  });

  it('a change to the uncommitted files between preview and merge is refused as outdated; nothing moves', async () => {
    const f = makeMergeFixture(files);
    const ws = f.addWorkspace('busy-agent');
    leaveAgentWork(ws.path);
    const preview = expectOk(await f.service.previewMerge(f.project, ws, { strategy: 'merge' }));
    const refs = git(f.repo.path, 'for-each-ref', '--format=%(refname) %(objectname)');

    writeFileSync(join(ws.path, 'new.txt'), 'the agent kept writing\n');
    const changed = expectFail(await f.service.mergeWorkspace(f.project, ws, { strategy: 'merge' }, pinOf(preview)), 'MERGE_OUTDATED');
    expect(changed.details).toEqual({ moved: 'uncommitted' });
    // The same files as previewed again: the previewed commit is still good.
    writeFileSync(join(ws.path, 'new.txt'), 'written by the agent\n');
    writeFileSync(join(ws.path, 'extra.txt'), 'a file the preview did not see\n');
    expectFail(await f.service.mergeWorkspace(f.project, ws, { strategy: 'merge' }, pinOf(preview)), 'MERGE_OUTDATED');
    rmSync(join(ws.path, 'extra.txt'));
    expect(git(f.repo.path, 'for-each-ref', '--format=%(refname) %(objectname)')).toBe(refs);

    // A preview that showed no uncommitted files does not merge ones that appeared since.
    const clean = f.addWorkspace('was-clean');
    f.commitIn(clean.path, { 'b.txt': 'b1\nclean\n' }, 'Clean work');
    const cleanPreview = expectOk(await f.service.previewMerge(f.project, clean, { strategy: 'merge' }));
    expect(cleanPreview.uncommittedCommit).toBeNull();
    writeFileSync(join(clean.path, 'late.txt'), 'late\n');
    expect(expectFail(await f.service.mergeWorkspace(f.project, clean, { strategy: 'merge' }, pinOf(cleanPreview)), 'MERGE_OUTDATED').details).toEqual({
      moved: 'uncommitted',
    });

    expectOk(await f.service.mergeWorkspace(f.project, ws, { strategy: 'merge' }, pinOf(preview)));
    expect(f.rev(ws.branch)).toBe(preview.uncommittedCommit?.sha);
  });

  it('a pinned id that is not the previewed commit of these files is refused, not merged', async () => {
    const f = makeMergeFixture(files);
    const ws = f.addWorkspace('pinned');
    leaveAgentWork(ws.path);
    const preview = expectOk(await f.service.previewMerge(f.project, ws, { strategy: 'merge' }));
    const refs = git(f.repo.path, 'for-each-ref', '--format=%(refname) %(objectname)');
    const main = f.rev('main');
    for (const uncommittedCommit of [main, '0'.repeat(40), preview.workspaceHead]) {
      expectFail(await f.service.mergeWorkspace(f.project, ws, { strategy: 'merge' }, { ...pinOf(preview), uncommittedCommit }), 'MERGE_OUTDATED');
    }
    expect(git(f.repo.path, 'for-each-ref', '--format=%(refname) %(objectname)')).toBe(refs);
  });

  it('left out on request: only the branch’s commits merge and the files stay uncommitted in the workspace', async () => {
    const f = makeMergeFixture(files);
    const ws = f.addWorkspace('partial');
    const committed = f.commitIn(ws.path, { 'b.txt': 'b1\ncommitted\n' }, 'Committed part');
    leaveAgentWork(ws.path);
    const preview = expectOk(await f.service.previewMerge(f.project, ws, { strategy: 'merge', includeUncommitted: false }));
    expect(preview).toMatchObject({ blocked: null, includesUncommitted: false, uncommittedCommit: null });
    expect(preview.uncommitted).toHaveLength(3);
    expectOk(await f.service.mergeWorkspace(f.project, ws, { strategy: 'merge', includeUncommitted: false }, pinOf(preview)));
    expect(f.show('main', 'b.txt')).toBe('b1\ncommitted\n');
    expect(f.show('main', 'new.txt')).toBeNull();
    expect(f.rev(ws.branch)).toBe(committed);
    expect(git(ws.path, 'status', '--porcelain', '--untracked-files=all').split('\n').map((line) => line.trim())).toEqual(['M a.txt', 'D gone.txt', '?? new.txt']);
  });

  it('the user’s checkout guard still holds: a dirty file there that the uncommitted work changes refuses the merge, branch untouched', async () => {
    const f = makeMergeFixture(files);
    const ws = f.addWorkspace('guarded');
    leaveAgentWork(ws.path);
    writeFileSync(join(f.repo.path, 'a.txt'), 'the user is editing this\n');
    const preview = expectOk(await f.service.previewMerge(f.project, ws, { strategy: 'merge' }));
    expect(preview.blocked?.code).toBe('CHECKOUT_HAS_CHANGES');
    const refs = git(f.repo.path, 'for-each-ref', '--format=%(refname) %(objectname)');
    expectFail(await f.service.mergeWorkspace(f.project, ws, { strategy: 'merge' }, pinOf(preview)), 'CHECKOUT_HAS_CHANGES');
    expect(git(f.repo.path, 'for-each-ref', '--format=%(refname) %(objectname)')).toBe(refs);
    expect(git(f.repo.path, 'diff', '--name-only')).toBe('a.txt');
    expect(git(ws.path, 'status', '--porcelain').split('\n')).toHaveLength(3);
  });
});
