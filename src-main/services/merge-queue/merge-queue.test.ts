import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { git } from '../../testing/git-fixtures';
import { expectFsckClean, makeQueueFixture, worktreePaths } from './merge-queue.fixture';

const shared = 'line one\nline two\nline three\n';
/** Fails (exit 3, saying why) when the candidate has a BROKEN file. */
const gate = 'if [ -e BROKEN ]; then echo "BROKEN is here: $(cat BROKEN)"; exit 3; fi; echo all good';

describe('the merge queue', () => {
  it.each([
    { mode: 'serial', speculative: false },
    { mode: 'speculative', speculative: true },
  ])(
    'a queue of 5 ($mode): #3 fails its gate and #4 conflicts with #1; #1, #2 and #5 land in order, the target history is exactly that, fsck is clean, the checkout is untouched',
    async ({ speculative }) => {
      const fixture = await makeQueueFixture({ files: { 'shared.txt': shared, 'notes.txt': 'mine\n' }, settings: { gateCommand: gate, speculative } });
      const { repo } = fixture;
      const one = await fixture.task('One', { 'shared.txt': 'line one\nline two, as one wants it\nline three\n' });
      const two = await fixture.task('Two', { 'two.txt': 'two\n' });
      const three = await fixture.task('Three', { 'three.txt': 'three\n', BROKEN: 'three broke it\n' });
      const four = await fixture.task('Four', { 'shared.txt': 'line one\nline two, as four wants it\nline three\n' });
      // Five's work is uncommitted: the queue takes it as the merge dialog does.
      const five = await fixture.task('Five', { 'five.txt': 'five\n' }, { commit: false });
      // The user's checkout is on main with work of its own.
      writeFileSync(join(repo.path, 'notes.txt'), 'mine, edited by the user\n');
      writeFileSync(join(repo.path, 'scratch.txt'), 'untracked\n');
      const statusBefore = repo.git('status', '--porcelain');
      const mainBefore = repo.head();

      const entries = [one, two, three, four, five].map((task) => fixture.add(task));
      const settled = await fixture.settle();

      expect(settled.entries.map((entry) => [entry.taskTitle, entry.state])).toEqual([
        ['One', 'landed'],
        ['Two', 'landed'],
        ['Three', 'ejected'],
        ['Four', 'ejected'],
        ['Five', 'landed'],
      ]);
      const byTitle = new Map(settled.entries.map((entry) => [entry.taskTitle, entry]));
      expect(byTitle.get('Three')?.ejection).toMatchObject({ kind: 'gate-failed', exitCode: 3, files: [], command: gate });
      expect(byTitle.get('Three')?.ejection?.message).toContain('The gate failed (exit 3) on top of main');
      expect(byTitle.get('Four')?.ejection).toMatchObject({ kind: 'conflict', files: ['shared.txt'] });
      const threeLog = fixture.queue.log(entries[2]!.id);
      expect(threeLog.ok && threeLog.data.text).toContain('BROKEN is here: three broke it');

      // The target's history is exactly #1, #2, #5, each landed on the one before.
      const firstParents = repo.git('log', '--first-parent', '--format=%s', `${mainBefore}..main`).split('\n');
      expect(firstParents).toEqual([`Merge branch '${five.workspace.branch}' into main`, `Merge branch '${two.workspace.branch}' into main`, `Merge branch '${one.workspace.branch}' into main`]);
      expect(byTitle.get('One')?.landed?.previousCommit).toBe(mainBefore);
      expect(byTitle.get('Two')?.landed?.previousCommit).toBe(byTitle.get('One')?.landed?.newCommit);
      expect(byTitle.get('Five')?.landed?.previousCommit).toBe(byTitle.get('Two')?.landed?.newCommit);
      expect(byTitle.get('Five')?.landed?.newCommit).toBe(repo.git('rev-parse', 'main'));
      expect(repo.git('ls-tree', '--name-only', 'main').split('\n')).toEqual(['five.txt', 'notes.txt', 'shared.txt', 'two.txt']);
      expect(repo.git('show', 'main:shared.txt')).toBe('line one\nline two, as one wants it\nline three');
      expectFsckClean(repo);

      // The user's checkout: still on main, its own changes exactly as they were, the landed files brought along.
      expect(repo.git('symbolic-ref', 'HEAD')).toBe('refs/heads/main');
      expect(repo.git('status', '--porcelain')).toBe(statusBefore);
      expect(readFileSync(join(repo.path, 'notes.txt'), 'utf8')).toBe('mine, edited by the user\n');
      expect(readFileSync(join(repo.path, 'scratch.txt'), 'utf8')).toBe('untracked\n');
      expect(readFileSync(join(repo.path, 'five.txt'), 'utf8')).toBe('five\n');

      // No scratch worktree is left; the tasks' worktrees are all still there.
      expect(worktreePaths(repo).sort()).toEqual([repo.path, ...[one, two, three, four, five].map((task) => task.workspace.path)].sort());
      // Five's uncommitted file became a commit on its branch, the one that landed.
      expect(git(five.workspace.path, 'status', '--porcelain')).toBe('');
      expect(git(five.workspace.path, 'log', '-1', '--format=%s')).toBe(`Uncommitted changes from ${five.workspace.branch}`);

      // Everyone was told, in order; the workspaces that landed are marked merged.
      expect(fixture.emitted.of('mergeQueue.settled').map((settledEvent) => [settledEvent.taskTitle, settledEvent.outcome])).toEqual([
        ['One', 'landed'],
        ['Two', 'landed'],
        ['Three', 'ejected'],
        ['Four', 'ejected'],
        ['Five', 'landed'],
      ]);
      // Speculative: an entry was built and tested on top of the one ahead of it, before that one landed.
      const wentAhead = fixture.emitted.of('mergeQueue.changed').some((change) => change.queue.entries.some((entry) => entry.speculative && entry.state !== 'queued'));
      expect(wentAhead).toBe(speculative);
      expect(fixture.store.tasks.get(one.id)?.workspace.merged?.newCommit).toBe(byTitle.get('One')?.landed?.newCommit);
      expect(fixture.store.tasks.get(three.id)?.workspace.merged).toBeNull();
    },
    120_000,
  );

  it('sends a failed gate to the task’s agent with the command, the exit code and the end of the log', async () => {
    const fixture = await makeQueueFixture({ settings: { gateCommand: gate } });
    const broken = await fixture.task('Broken', { BROKEN: 'a syntax error on line 12\n' });
    const entry = fixture.add(broken);
    await fixture.waitForEntry(entry.id, (item) => item.state === 'ejected');

    expect(await fixture.queue.sendFailure(entry.id)).toEqual({ ok: true, data: { delivery: 'started' } });
    expect(fixture.sentToAgent).toHaveLength(1);
    const [sent] = fixture.sentToAgent;
    expect(sent?.taskId).toBe(broken.id);
    expect(sent?.text).toContain('could not land this task on `main`');
    expect(sent?.text).toContain('failed (exit 3)');
    expect(sent?.text).toContain(`The command: \`${gate}\``);
    expect(sent?.text).toContain('BROKEN is here: a syntax error on line 12');
    // Plain text for the model: no terminal colour codes.
    expect(sent?.text).not.toContain('\x1b[');
  }, 60_000);

  it('refuses a task that already waits in its queue, and lands a clean merge at once when no gate is set', async () => {
    const fixture = await makeQueueFixture();
    const task = await fixture.task('Solo', { 'solo.txt': 'solo\n' });
    const entry = fixture.add(task, { strategy: 'squash', message: 'Solo, squashed' });
    const again = fixture.queue.add({ taskId: task.id, strategy: 'merge', includeUncommitted: true });
    expect(again).toMatchObject({ ok: false, error: { code: 'ALREADY_QUEUED' } });

    const landed = await fixture.waitForEntry(entry.id, (item) => item.state === 'landed');
    expect(fixture.repo.git('log', '-1', '--format=%s%n%P', 'main').split('\n')).toEqual(['Solo, squashed', landed.landed?.previousCommit]);
    const log = fixture.queue.log(entry.id);
    expect(log.ok && log.data.text).toContain('No gate command is set');
  }, 60_000);

  it('a task on another task’s workspace (a subagent’s, its own subagent’s, a review task) queues that task’s work once', async () => {
    const fixture = await makeQueueFixture();
    const owner = await fixture.task('Owner', { 'owner.txt': 'owner\n' });
    const sharer = (id: string, title: string, link: { parentTaskId: string; depth: number } | { reviewedTaskId: string }) => {
      const subagent = 'parentTaskId' in link ? { agent: 'helper', source: 'project-braid' as const, depth: link.depth, callId: `d-${id}`, tools: null, disallowedTools: [], agents: null, prompt: 'Help.' } : null;
      fixture.store.tasks.insert({ id, projectId: owner.projectId, workspaceId: owner.workspace.id, title, prompt: 'help', role: subagent ? 'implement' : 'review', createdAt: Date.now(), ...link, subagent });
      return fixture.store.tasks.get(id)!;
    };
    const child = sharer('child00001', 'Child', { parentTaskId: owner.id, depth: 1 });
    const grandchild = sharer('grandchild', 'Grandchild', { parentTaskId: child.id, depth: 2 });
    const review = sharer('review0001', 'Review of Owner', { reviewedTaskId: owner.id });

    const entry = fixture.add(grandchild);
    expect([entry.taskId, entry.taskTitle]).toEqual([owner.id, 'Owner']);
    for (const asking of [child, review, owner]) {
      expect(fixture.queue.add({ taskId: asking.id, strategy: 'merge', includeUncommitted: true })).toMatchObject({ ok: false, error: { code: 'ALREADY_QUEUED', message: 'Owner is already in the merge queue into main.' } });
    }
    await fixture.waitForEntry(entry.id, (item) => item.state === 'landed');
    expect(fixture.repo.git('show', 'main:owner.txt')).toBe('owner');
  }, 60_000);
});
