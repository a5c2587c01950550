import { existsSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createRepo, git, makeTempDir } from '../../testing/git-fixtures';
import { RepoQueue } from '../git/repo-queue';
import { createProjectService } from '../projects/project-service';
import { openStore } from '../store/store';
import { createTaskService } from '../tasks/task-service';
import { createWorkspaceContext } from '../workspaces/context';
import { archiveMergedWorkspace } from './archive-workspace';
import { MergeService } from './merge-service';
import { expectFail, expectOk } from '../testing/merge-fixture';
import type { MergeStrategy } from './merge-types';

function commitFile(folder: string, path: string, content: string) {
  writeFileSync(join(folder, path), content);
  git(folder, 'commit', '-qam', 'Feature work');
}

/** A real project and task (store, worktree, branch) as the app makes them. */
async function projectWithTask() {
  const repo = createRepo({ files: { 'a.txt': 'a\n', 'b.txt': 'b\n' } });
  const dataDir = makeTempDir('braid-archive-');
  const worktreesRoot = join(dataDir, 'worktrees');
  mkdirSync(worktreesRoot);
  const store = openStore(dataDir);
  onTestFinished(() => {
    store.db.close();
    repo.cleanup();
  });
  const queue = new RepoQueue();
  const context = createWorkspaceContext({ store, worktreesRoot: realpathSync(worktreesRoot), now: Date.now, queue, emit: () => undefined });
  const project = expectOk(await createProjectService({ store, emit: () => undefined, events: context.events, now: Date.now }).add(repo.path));
  const created = expectOk(await createTaskService(context).create({ projectId: project.id, title: 'Feature', prompt: '', role: 'implement' }));
  const task = await created.settled;
  const projectRow = store.projects.get(project.id);
  const workspace = store.workspaces.get(task.workspace.id);
  if (!projectRow || !workspace) throw new Error('task was not stored');
  const merges = new MergeService({ inRepoQueue: (target, operation) => context.inRepoQueue(projectRow, operation) });
  return { repo, context, task, projectRow, workspace, merges };
}

describe('archiveMergedWorkspace', () => {
  it.each<MergeStrategy>(['squash', 'rebase'])('after a %s merge removes the worktree and the branch it merged', async (strategy) => {
    const { repo, context, task, projectRow, workspace, merges } = await projectWithTask();
    repo.commit({ 'b.txt': 'main moved\n' }, 'Main moves');
    commitFile(workspace.path, 'a.txt', 'feature\n');
    const outcome = expectOk(await merges.mergeWorkspace(projectRow, workspace, { strategy }));
    if (outcome.status !== 'merged') throw new Error('expected a merge');

    const archived = expectOk(await archiveMergedWorkspace(context, { taskId: task.id, keepBranch: false, merged: outcome.merged }));
    expect(archived).toEqual({ archived: true, branchDeleted: true });
    expect(existsSync(workspace.path)).toBe(false);
    expect(git(repo.path, 'branch', '--list', workspace.branch)).toBe('');
    expect(context.store.tasks.get(task.id)).toBeUndefined();
  });

  it('keeps the branch when asked, and refuses to lose uncommitted work', async () => {
    const { repo, context, task, projectRow, workspace, merges } = await projectWithTask();
    commitFile(workspace.path, 'a.txt', 'feature\n');
    const outcome = expectOk(await merges.mergeWorkspace(projectRow, workspace, { strategy: 'merge' }));
    if (outcome.status !== 'merged') throw new Error('expected a merge');
    writeFileSync(join(workspace.path, 'later.txt'), 'written after the merge\n');
    expectFail(await archiveMergedWorkspace(context, { taskId: task.id, keepBranch: true, merged: outcome.merged }), 'WORKSPACE_HAS_WORK');
    expect(existsSync(join(workspace.path, 'later.txt'))).toBe(true);

    git(workspace.path, 'clean', '-qfd');
    expect(expectOk(await archiveMergedWorkspace(context, { taskId: task.id, keepBranch: true, merged: outcome.merged }))).toEqual({
      archived: true,
      branchDeleted: false,
    });
    expect(git(repo.path, 'branch', '--list', workspace.branch)).not.toBe('');
  });
});
