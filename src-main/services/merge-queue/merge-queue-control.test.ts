import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { uniqueSleep } from '../testing/host-processes';
import { expectFsckClean, expectOk, gateSwitch, makeQueueFixture, worktreePaths, type QueueFixture } from './merge-queue.fixture';
import { reviewGateOverFindings } from './review-gate-check';

/**
 * A gate that passes once the switch is open (whenever it started), and until then keeps a
 * sleep the test can find running.
 */
function blockingGate() {
  const sleep = uniqueSleep();
  const gateSwitchFolder = gateSwitch();
  return { sleep, gateSwitch: gateSwitchFolder, command: `while [ ! -f '${gateSwitchFolder.folder}/go' ]; do timeout 0.2 ${sleep.command}; done; echo passed` };
}

const landedSubjects = (fixture: { repo: { git(...args: string[]): string } }, since: string) =>
  fixture.repo.git('log', '--first-parent', '--reverse', '--format=%s', `${since}..main`).split('\n').filter(Boolean);

describe('controlling the merge queue', () => {
  it('pause stops the running gate (everything it started) and lands nothing; resume builds the entry again from scratch and lands the queue', async () => {
    const gate = blockingGate();
    const fixture = await makeQueueFixture({ settings: { gateCommand: gate.command } });
    const alpha = await fixture.task('Alpha', { 'alpha.txt': 'a\n' });
    const beta = await fixture.task('Beta', { 'beta.txt': 'b\n' });
    const mainBefore = fixture.repo.head();
    const [first, second] = [fixture.add(alpha), fixture.add(beta)];
    await fixture.waitForEntry(first.id, (entry) => entry.state === 'testing');
    await gate.sleep.waitUntilRunning(1);

    const paused = expectOk(await fixture.queue.pause(fixture.projectId, 'main'));
    expect(paused.paused).toBe(true);
    expect(paused.entries.map((entry) => entry.state)).toEqual(['queued', 'queued']);
    await gate.sleep.expectAllGone();
    await fixture.queue.idle();
    expect(worktreePaths(fixture.repo)).toHaveLength(3);

    // Opening the gate while paused lands nothing.
    gate.gateSwitch.open();
    await fixture.queue.idle();
    expect(fixture.repo.head()).toBe(mainBefore);
    expect((await fixture.view()).entries.map((entry) => entry.state)).toEqual(['queued', 'queued']);

    expectOk(await fixture.queue.resume(fixture.projectId, 'main'));
    const settled = await fixture.settle();
    expect(settled.entries.map((entry) => [entry.id, entry.state])).toEqual([
      [first.id, 'landed'],
      [second.id, 'landed'],
    ]);
    expect(settled.entries[0]?.attempts).toBe(2);
    expect(landedSubjects(fixture, mainBefore)).toEqual([`Merge branch '${alpha.workspace.branch}' into main`, `Merge branch '${beta.workspace.branch}' into main`]);
    expectFsckClean(fixture.repo);
  }, 60_000);

  it('reorder: an entry moved to the front while the head is being tested takes its place; the old head is rebuilt behind it', async () => {
    const gate = blockingGate();
    const fixture = await makeQueueFixture({ settings: { gateCommand: gate.command } });
    const tasks = [await fixture.task('A', { 'a.txt': 'a\n' }), await fixture.task('B', { 'b.txt': 'b\n' }), await fixture.task('C', { 'c.txt': 'c\n' })];
    const mainBefore = fixture.repo.head();
    const [a, b, c] = tasks.map((task) => fixture.add(task));
    await fixture.waitForEntry(a!.id, (entry) => entry.state === 'testing');
    await gate.sleep.waitUntilRunning(1);

    const moved = expectOk(await fixture.queue.move(c!.id, 0));
    expect(moved.entries.map((entry) => entry.taskTitle)).toEqual(['C', 'A', 'B']);
    // A's gate no longer tests what lands first: stopped, with everything it started.
    await gate.sleep.expectAllGone();
    await fixture.waitForEntry(c!.id, (entry) => entry.state === 'testing');
    gate.gateSwitch.open();

    await fixture.settle();
    expect(landedSubjects(fixture, mainBefore)).toEqual(['C', 'A', 'B'].map((title) => `Merge branch '${tasks[['A', 'B', 'C'].indexOf(title)]!.workspace.branch}' into main`));
    expect((await fixture.view()).entries.find((entry) => entry.id === b!.id)?.state).toBe('landed');
    expect(await fixture.queue.move(a!.id, 1)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  }, 60_000);

  it('remove while running: the gate and everything it started stop, and the next entry lands; no scratch worktree is left once the queue is done', async () => {
    const gate = blockingGate();
    const fixture = await makeQueueFixture({ settings: { gateCommand: gate.command } });
    const doomed = await fixture.task('Doomed', { 'doomed.txt': 'x\n' });
    const kept = await fixture.task('Kept', { 'kept.txt': 'k\n' });
    const mainBefore = fixture.repo.head();
    const [first, second] = [fixture.add(doomed), fixture.add(kept)];
    await fixture.waitForEntry(first.id, (entry) => entry.state === 'testing');
    await gate.sleep.waitUntilRunning(1);
    const scratch = worktreePaths(fixture.repo).find((path) => path.includes('merge-queue'));
    expect(scratch && existsSync(scratch)).toBe(true);

    expect(await fixture.queue.remove(first.id)).toEqual({ ok: true, data: { removed: true } });
    await gate.sleep.expectAllGone();
    gate.gateSwitch.open();

    const settled = await fixture.settle();
    expect(existsSync(scratch!)).toBe(false);
    expect(worktreePaths(fixture.repo).sort()).toEqual([fixture.repo.path, doomed.workspace.path, kept.workspace.path].sort());
    expect(settled.entries.map((entry) => [entry.id, entry.state])).toEqual([[second.id, 'landed']]);
    expect(landedSubjects(fixture, mainBefore)).toEqual([`Merge branch '${kept.workspace.branch}' into main`]);
    expect(await fixture.queue.remove(first.id)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  }, 60_000);

  it('a checkout of the target with changes where an entry writes: refused as a manual merge is, the queue pauses saying why, and lands once the checkout is clean and the queue resumed', async () => {
    const fixture = await makeQueueFixture({ files: { 'shared.txt': 'base\n' }, settings: { gateCommand: 'true', speculative: true } });
    const editor = await fixture.task('Editor', { 'shared.txt': 'from the task\n' });
    const other = await fixture.task('Other', { 'other.txt': 'o\n' });
    writeFileSync(join(fixture.repo.path, 'shared.txt'), 'the user is editing this\n');
    const mainBefore = fixture.repo.head();
    const [first, second] = [fixture.add(editor), fixture.add(other)];

    const paused = await fixture.waitForPause();
    expect(paused.paused).toBe(true);
    expect(paused.pauseReason).toContain('shared.txt');
    expect((await fixture.view()).entries.map((entry) => [entry.id, entry.state])).toEqual([
      [first.id, 'queued'],
      [second.id, 'queued'],
    ]);
    expect(fixture.repo.head()).toBe(mainBefore);
    expect(readFileSync(join(fixture.repo.path, 'shared.txt'), 'utf8')).toBe('the user is editing this\n');

    fixture.repo.git('checkout', '--', 'shared.txt');
    expectOk(await fixture.queue.resume(fixture.projectId, 'main'));
    const settled = await fixture.settle();
    expect(settled.paused).toBe(false);
    expect(settled.entries.map((entry) => entry.state)).toEqual(['landed', 'landed']);
    expect(readFileSync(join(fixture.repo.path, 'shared.txt'), 'utf8')).toBe('from the task\n');
    expect(fixture.repo.git('status', '--porcelain')).toBe('');
  }, 60_000);

  it('a gate that runs past its timeout is stopped with everything it started and its entry ejected', async () => {
    const sleep = uniqueSleep();
    const fixture = await makeQueueFixture({ settings: { gateCommand: `echo starting; ${sleep.command}`, gateTimeoutSec: 5 } });
    const slow = await fixture.task('Slow', { 'slow.txt': 's\n' });
    const mainBefore = fixture.repo.head();
    const entry = fixture.add(slow);
    const ejected = await fixture.waitForEntry(entry.id, (item) => item.state === 'ejected', 20_000);
    expect(ejected.ejection).toMatchObject({ kind: 'gate-timeout' });
    expect(ejected.ejection?.message).toContain('timed out after 5 s');
    await sleep.expectAllGone();
    expect(fixture.repo.head()).toBe(mainBefore);
    const log = expectOk(fixture.queue.log(entry.id));
    expect(log.text).toContain('starting');
    expect(log.text).toContain('Timed out after 5.0 s');
  }, 60_000);

  it('the review gate ejects an entry whose task has open P0/P1 review findings, naming them; a dismissed one does not hold it back', async () => {
    // The gate reads the fixture's store as the composition root hands it the host's.
    const fixture: QueueFixture = await makeQueueFixture({ settings: { reviewGate: true }, reviewGate: (taskId) => reviewGateOverFindings(fixture.store.reviewReports)(taskId) });
    const risky = await fixture.task('Risky', { 'risky.txt': 'r\n' });
    const fine = await fixture.task('Fine', { 'fine.txt': 'f\n' });
    const reviewer = await fixture.task('Reviewer', {}, { commit: false });
    const finding = (id: string, reviewedTaskId: string, title: string, status: 'open' | 'dismissed') => ({
      id,
      reviewTaskId: reviewer.id,
      reviewedTaskId,
      title,
      priority: 'P1' as const,
      confidence: 0.9,
      path: 'x.txt',
      lineStart: 1,
      lineEnd: 1,
      body: 'why',
      criterion: null,
      suggestedFix: null,
      anchorText: null,
      status,
      statusReason: null,
      createdAt: 1,
      updatedAt: 1,
    });
    const report = { taskId: reviewer.id, headCommit: null, verdict: 'incorrect' as const, explanation: 'see findings', confidence: 0.9, resolved: [], createdAt: 1 };
    fixture.store.reviewReports.addReport({ ...report, reviewedTaskId: risky.id }, [finding('finding001', risky.id, 'Null check', 'open')]);
    fixture.store.reviewReports.addReport({ ...report, reviewedTaskId: fine.id }, [finding('finding002', fine.id, 'Not a bug', 'dismissed')]);

    const [first, second] = [fixture.add(risky), fixture.add(fine)];
    const settled = await fixture.settle();
    expect(settled.entries.map((entry) => [entry.id, entry.state, entry.ejection?.kind ?? null])).toEqual([
      [first.id, 'ejected', 'review-gate'],
      [second.id, 'landed', null],
    ]);
    expect(settled.entries[0]?.ejection?.message).toBe('The review gate holds it back: 1 open P1 finding (“Null check”).');
  }, 60_000);

  it('the review gate setting is refused where reviews are not available', async () => {
    const fixture = await makeQueueFixture();
    expect(fixture.queue.setSettings(fixture.projectId, { reviewGate: true })).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } });
    expect(expectOk(fixture.queue.settings(fixture.projectId))).toMatchObject({ reviewGate: false, reviewGateAvailable: false });
  });
});
