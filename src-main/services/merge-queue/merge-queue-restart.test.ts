import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { git } from '../../testing/git-fixtures';
import { crashQueueHostWhileTesting } from '../testing/crashed-queue-host';
import { uniqueSleep } from '../testing/host-processes';
import { buildCandidate } from './candidate';
import { expectFsckClean, gateSwitch, makeQueueFixture, worktreePaths } from './merge-queue.fixture';

describe('the merge queue across a restart', () => {
  it('a host killed during a gate run: nothing it started survives, the target is not moved, and the entry is built again from scratch and lands', async () => {
    const sleep = uniqueSleep();
    const gate = gateSwitch();
    const command = `echo "gate is running"; if [ -f '${gate.folder}/go' ]; then exit 0; fi; ${sleep.command}`;
    const fixture = await makeQueueFixture({ settings: { gateCommand: command }, start: false });
    const task = await fixture.task('Survivor', { 'survivor.txt': 'still here\n' });
    const mainBefore = fixture.repo.head();
    const entry = fixture.add(task);
    await fixture.close();

    expect(await crashQueueHostWhileTesting(fixture.dataDir)).toBe(entry.id);
    await sleep.expectAllGone();
    expect(fixture.repo.head()).toBe(mainBefore);
    const leftover = worktreePaths(fixture.repo).find((path) => path.includes('merge-queue'));
    expect(leftover && existsSync(leftover)).toBe(true);

    gate.open();
    await fixture.open();
    const [landed] = (await fixture.settle()).entries;
    expect(landed?.state).toBe('landed');
    expect(landed?.attempts).toBe(2);
    expect(landed?.landed?.previousCommit).toBe(mainBefore);
    expect(fixture.repo.git('show', 'main:survivor.txt')).toBe('still here');
    expect(existsSync(leftover!)).toBe(false);
    expect(worktreePaths(fixture.repo).sort()).toEqual([fixture.repo.path, task.workspace.path].sort());
    expectFsckClean(fixture.repo);
  }, 60_000);

  it('a host that died after moving the target but before the checkout: the landing is finished, the checkout brought along', async () => {
    const fixture = await makeQueueFixture({ start: false });
    const task = await fixture.task('Half', { 'half.txt': 'landed before the crash\n' });
    const mainBefore = fixture.repo.head();
    const entry = fixture.add(task);
    const project = { id: fixture.projectId, path: fixture.repo.path };
    const built = await buildCandidate(project, { ...task.workspace, baseBranch: 'main' }, entry.options, mainBefore);
    if (built.kind !== 'ready') throw new Error(`no candidate: ${built.kind}`);
    // What the crashed host had done: the entry stored as landing, the target moved, the checkout not yet.
    fixture.store.mergeQueue.setProgress(entry.id, {
      state: 'landing',
      attempts: 1,
      targetCommit: mainBefore,
      candidateCommit: built.commit,
      landing: { targetCommit: mainBefore, candidateCommit: built.commit, workspaceHead: built.inputs.workspaceHead, workspaceCommit: null, landedCommits: built.landed, selective: false, gateCommand: 'npm test', gateMs: 1234 },
    });
    git(fixture.repo.path, 'update-ref', 'refs/heads/main', built.commit, mainBefore);
    expect(existsSync(join(fixture.repo.path, 'half.txt'))).toBe(false);

    await fixture.queue.start();
    const landed = await fixture.waitForEntry(entry.id, (item) => item.state === 'landed');
    expect(landed.landed).toEqual({ previousCommit: mainBefore, newCommit: built.commit });
    expect(landed.attempts).toBe(1);
    expect(readFileSync(join(fixture.repo.path, 'half.txt'), 'utf8')).toBe('landed before the crash\n');
    expect(fixture.repo.git('status', '--porcelain')).toBe('');
    expect(fixture.store.tasks.get(task.id)?.workspace.merged?.newCommit).toBe(built.commit);
    expect(fixture.emitted.of('mergeQueue.settled')).toMatchObject([{ entryId: entry.id, outcome: 'landed' }]);
  }, 60_000);

  it('a host that died while landing, before the target moved: the target is where it was and the entry is built again and lands', async () => {
    const fixture = await makeQueueFixture({ start: false });
    const task = await fixture.task('Never', { 'never.txt': 'n\n' });
    const mainBefore = fixture.repo.head();
    const entry = fixture.add(task);
    fixture.store.mergeQueue.setProgress(entry.id, {
      state: 'landing',
      attempts: 1,
      landing: { targetCommit: mainBefore, candidateCommit: 'f'.repeat(40), workspaceHead: fixture.repo.git('rev-parse', task.workspace.branch), workspaceCommit: null, landedCommits: [], selective: false, gateCommand: null, gateMs: 0 },
    });

    await fixture.queue.start();
    const landed = await fixture.waitForEntry(entry.id, (item) => item.state === 'landed');
    expect(landed.attempts).toBe(2);
    expect(landed.landed?.previousCommit).toBe(mainBefore);
    expect(fixture.repo.git('rev-list', '--count', `${mainBefore}..main`)).toBe('2');
    expectFsckClean(fixture.repo);
  }, 60_000);
});
