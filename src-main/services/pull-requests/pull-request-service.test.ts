import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { git } from '../../testing/git-fixtures';
import { createGhStandIn, type GhStandIn } from '../../testing/gh-stand-in';
import { createHistoryService } from '../history';
import { makeProjectFixture, type ProjectFixture } from '../testing/project-fixture';
import { tempFolder } from '../testing/temp-folders';
import { createPullRequestService } from './pull-request-service';

interface Setup {
  project: ProjectFixture;
  gh: GhStandIn;
  remote: string;
  service: ReturnType<typeof createPullRequestService>;
}

/** A project whose `origin` is a local bare repository, and the service with the gh stand-in first on PATH (or no gh at all). */
async function setup(options: { withGh?: boolean; withRemote?: boolean } = {}): Promise<Setup> {
  const project = await makeProjectFixture();
  const folder = tempFolder('braid-gh-');
  const gh = createGhStandIn(folder);
  const remote = join(folder, 'origin.git');
  git(folder, 'init', '--quiet', '--bare', remote);
  if (options.withRemote !== false) project.repo.git('remote', 'add', 'origin', remote);
  const history = createHistoryService(project.context, {});
  const path = options.withGh === false ? join(folder, 'no-gh-here') : `${gh.binDir}:${process.env.PATH ?? ''}`;
  const service = createPullRequestService({
    context: project.context,
    env: () => ({ ...process.env, PATH: path }),
    commitWorkspace: (taskId, message) => history.commit(taskId, { message }),
  });
  return { project, gh, remote, service };
}

const remoteHead = (remote: string, branch: string) => {
  try {
    return git(remote, 'rev-parse', '--verify', `refs/heads/${branch}`);
  } catch {
    return null;
  }
};

describe('pull requests (gh through a stand-in on PATH that records its arguments and answers like gh)', () => {
  it('pushes the task’s branch to the chosen remote and opens a draft with base, title and a body from the task', async () => {
    const { project, gh, remote, service } = await setup();
    const task = await project.task('Greeting', { 'greeting.txt': 'hello\n' }, { prompt: 'Add a friendly greeting file.' });
    writeFileSync(join(task.workspace.path, 'notes.md'), 'left uncommitted\n');

    const context = await service.context(task.id);
    if (!context.ok) throw new Error(context.error.message);
    expect(context.data).toMatchObject({ remotes: [{ name: 'origin', url: remote }], defaultRemote: 'origin', branch: task.workspace.branch, base: 'main', title: 'Greeting', uncommittedFiles: 1, current: null });
    expect(context.data.body).toContain('## Goal\n\nAdd a friendly greeting file.');
    expect(context.data.body).toContain('- `greeting.txt` +1 −0');
    expect(context.data.body).toContain('- `notes.md` +1 −0');

    const opened = await service.open({ taskId: task.id, remote: 'origin', title: 'Add a greeting', body: context.data.body, draft: true, includeUncommitted: true });
    expect(opened).toMatchObject({ ok: true, data: { number: 1, url: 'https://github.com/braid-test/repo/pull/1', state: 'OPEN', isDraft: true, title: 'Add a greeting', baseRefName: 'main', headRefName: task.workspace.branch, remote: 'origin', alreadyOpen: false } });
    // The uncommitted file was committed to the branch first, and that is what was pushed.
    expect(git(task.workspace.path, 'status', '--porcelain')).toBe('');
    expect(remoteHead(remote, task.workspace.branch)).toBe(project.repo.git('rev-parse', task.workspace.branch));
    expect(git(remote, 'show', `${task.workspace.branch}:notes.md`)).toBe('left uncommitted');
    expect(gh.calls()).toContainEqual(['pr', 'create', '--base', 'main', '--head', task.workspace.branch, '--title', 'Add a greeting', '--body', context.data.body, '--draft']);
    expect(gh.pullRequests()[0]?.body).toBe(context.data.body);

    // Shown again, refreshable: gh says it was merged meanwhile.
    gh.setState(1, 'MERGED');
    expect(await service.refresh(task.id)).toMatchObject({ ok: true, data: { number: 1, state: 'MERGED' } });
    expect(await service.context(task.id)).toMatchObject({ ok: true, data: { current: { number: 1, state: 'MERGED' } } });
  }, 30_000);

  it('asked from a subagent’s or a review’s task, describes its owner’s work', async () => {
    const { project, service } = await setup();
    const owner = await project.task('Greeting', { 'greeting.txt': 'hello\n' }, { prompt: 'Add a friendly greeting file.' });
    const child = project.sharer(owner, 'helper: check it', { parentTaskId: owner.id, depth: 1 });
    const grandchild = project.sharer(owner, 'helper: check more', { parentTaskId: child.id, depth: 2 });
    const review = project.sharer(owner, 'Review: Greeting', { reviewedTaskId: owner.id });
    for (const asking of [grandchild, review]) {
      const context = await service.context(asking.id);
      if (!context.ok) throw new Error(context.error.message);
      expect(context.data).toMatchObject({ title: 'Greeting', branch: owner.workspace.branch });
      expect(context.data.body).toContain('## Goal\n\nAdd a friendly greeting file.');
    }
  });

  it('opened from a review’s task, is its owner’s: the owner’s branch with its uncommitted files, titled from the owner, shown in the owner’s dialog', async () => {
    const { project, gh, remote, service } = await setup();
    const owner = await project.task('Greeting', { 'greeting.txt': 'hello\n' }, { prompt: 'Add a friendly greeting file.' });
    writeFileSync(join(owner.workspace.path, 'notes.md'), 'left uncommitted\n');
    const review = project.sharer(owner, 'Review: Greeting', { reviewedTaskId: owner.id });

    const context = await service.context(review.id);
    if (!context.ok) throw new Error(context.error.message);
    const opened = await service.open({ taskId: review.id, remote: 'origin', title: context.data.title, body: context.data.body, draft: false, includeUncommitted: true });
    expect(opened).toMatchObject({ ok: true, data: { number: 1, title: 'Greeting', headRefName: owner.workspace.branch, alreadyOpen: false } });
    expect(gh.calls()).toContainEqual(['pr', 'create', '--base', 'main', '--head', owner.workspace.branch, '--title', 'Greeting', '--body', context.data.body]);
    expect(git(remote, 'show', `${owner.workspace.branch}:notes.md`)).toBe('left uncommitted');
    expect(remoteHead(remote, owner.workspace.branch)).toBe(project.repo.git('rev-parse', owner.workspace.branch));
    expect(await service.context(owner.id)).toMatchObject({ ok: true, data: { current: { number: 1, headRefName: owner.workspace.branch } } });
    expect(await service.refresh(review.id)).toMatchObject({ ok: true, data: { number: 1 } });
  }, 30_000);

  it('shows the pull request already open for the branch instead of opening a second one', async () => {
    const { project, gh, service } = await setup();
    const task = await project.task('Again', { 'again.txt': 'a\n' });
    const existing = gh.addPullRequest({ state: 'OPEN', isDraft: false, title: 'Opened by hand', body: '', baseRefName: 'main', headRefName: task.workspace.branch });

    const opened = await service.open({ taskId: task.id, remote: 'origin', title: 'Again', body: 'body', draft: false, includeUncommitted: true });
    expect(opened).toMatchObject({ ok: true, data: { number: existing.number, url: existing.url, title: 'Opened by hand', alreadyOpen: true } });
    expect(gh.calls().some((call) => call[1] === 'create')).toBe(false);
    expect(gh.pullRequests()).toHaveLength(1);
  }, 30_000);

  it('does not commit an agent’s half-done edits: refused while a task works in the workspace, unless the uncommitted files stay out', async () => {
    const { project, gh, remote, service } = await setup();
    const task = await project.task('Greeting', { 'greeting.txt': 'hello\n' });
    writeFileSync(join(task.workspace.path, 'notes.md'), 'halfway\n');
    project.context.store.tasks.setStatus(task.id, 'running', null);

    const opened = await service.open({ taskId: task.id, remote: 'origin', title: 'x', body: '', draft: false, includeUncommitted: true });
    expect(opened).toMatchObject({ ok: false, error: { code: 'BUSY', message: '“Greeting” is working in this workspace; stop it, or open the pull request without the uncommitted files.' } });
    // Nothing committed, pushed or opened.
    expect(git(task.workspace.path, 'status', '--porcelain')).toBe('?? notes.md');
    expect(remoteHead(remote, task.workspace.branch)).toBeNull();
    expect(gh.pullRequests()).toEqual([]);

    // Without them, what is committed goes: the agent's edits in progress stay where they are.
    const without = await service.open({ taskId: task.id, remote: 'origin', title: 'x', body: '', draft: false, includeUncommitted: false });
    expect(without).toMatchObject({ ok: true, data: { number: 1, alreadyOpen: false } });
    expect(git(task.workspace.path, 'status', '--porcelain')).toBe('?? notes.md');
    expect(remoteHead(remote, task.workspace.branch)).toBe(project.repo.git('rev-parse', task.workspace.branch));
  }, 30_000);

  it('says so when gh is missing, and pushes nothing', async () => {
    const { project, remote, service } = await setup({ withGh: false });
    const task = await project.task('No gh', { 'x.txt': 'x\n' });
    const opened = await service.open({ taskId: task.id, remote: 'origin', title: 'x', body: '', draft: false, includeUncommitted: true });
    expect(opened).toMatchObject({ ok: false, error: { code: 'GH_MISSING' } });
    expect(remoteHead(remote, task.workspace.branch)).toBeNull();
  }, 30_000);

  it('says so when gh is not logged in, and pushes nothing', async () => {
    const { project, gh, remote, service } = await setup();
    gh.setLoggedIn(false);
    const task = await project.task('Logged out', { 'x.txt': 'x\n' });
    const opened = await service.open({ taskId: task.id, remote: 'origin', title: 'x', body: '', draft: false, includeUncommitted: true });
    expect(opened).toMatchObject({ ok: false, error: { code: 'GH_NOT_LOGGED_IN' } });
    if (!opened.ok) expect(opened.error.message).toContain('gh auth login');
    expect(remoteHead(remote, task.workspace.branch)).toBeNull();
  }, 30_000);

  it('says so when the repository has no remote, or not the one named', async () => {
    const { project, service } = await setup({ withRemote: false });
    const task = await project.task('Local only', { 'x.txt': 'x\n' });
    expect(await service.context(task.id)).toMatchObject({ ok: true, data: { remotes: [], defaultRemote: null } });
    const opened = await service.open({ taskId: task.id, remote: 'origin', title: 'x', body: '', draft: false, includeUncommitted: true });
    expect(opened).toMatchObject({ ok: false, error: { code: 'NO_REMOTE' } });
    project.repo.git('remote', 'add', 'upstream', project.repo.path);
    const named = await service.open({ taskId: task.id, remote: 'origin', title: 'x', body: '', draft: false, includeUncommitted: true });
    expect(named).toMatchObject({ ok: false, error: { code: 'NO_REMOTE', message: 'This repository has no remote named "origin" (it has upstream).' } });
  }, 30_000);

  it('says so when the remote refuses the push, with its words, and opens nothing', async () => {
    const { project, gh, remote, service } = await setup();
    const hook = join(remote, 'hooks', 'pre-receive');
    writeFileSync(hook, '#!/bin/sh\necho "branch creation is not allowed here" >&2\nexit 1\n');
    chmodSync(hook, 0o755);
    const task = await project.task('Refused', { 'x.txt': 'x\n' });
    const opened = await service.open({ taskId: task.id, remote: 'origin', title: 'x', body: '', draft: false, includeUncommitted: true });
    expect(opened).toMatchObject({ ok: false, error: { code: 'PUSH_REFUSED' } });
    if (!opened.ok) expect(opened.error.message).toContain('branch creation is not allowed here');
    expect(gh.calls().some((call) => call[0] === 'pr')).toBe(false);
  }, 30_000);
});
