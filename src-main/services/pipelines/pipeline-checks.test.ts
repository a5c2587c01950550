import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { describeAuditEntry } from '../../../src-shared/audit/describe-audit-entry';
import type { PipelineView } from '../../../src-shared/contract';
import { messagesOf, toolsOf } from '../../testing/pipeline-agents';
import { agentWorld } from '../testing/agent-fixture';
import { expectOk } from '../testing/services-fixture';
import { oneStepPipeline, waitForView } from './pipeline.fixture';

const failed = (view: PipelineView) => view.reviews[0]?.check?.status === 'failed';

describe('the check command before a pipeline’s reviews', () => {
  it('runs the check command before the review: failing, it holds auto review with a clear state and blocks the merge; fixed and run again, it passes, the review starts with its result, and the merge goes through', async () => {
    const command = 'test -f CHECKED || { echo "CHECKED is missing"; exit 3; }';
    const { world, services, project, pipelineId, view, task } = await oneStepPipeline({ checkCommand: command }, failed, 'the check to fail');
    expect(view.reviews[0]).toMatchObject({
      state: 'held',
      note: expect.stringContaining(`The check \`${command}\` failed (exit 3). Auto review is held`),
      check: { command, status: 'failed', exitCode: 3, output: expect.stringContaining('CHECKED is missing'), finishedAt: expect.any(Number) },
      review: null,
    });
    expect(view.merges[0]).toMatchObject({ state: 'waiting', checkGate: { verdict: 'blocked', message: `Blocked by the check gate: the check \`${command}\` failed (exit 3).` } });
    // No review was started, and the merge is refused by the check gate.
    expect(world.server.requests.some((request) => toolsOf(request).includes('submit_review'))).toBe(false);
    expect(await services.merges.run({ taskId: task.id, strategy: 'squash', includeUncommitted: true })).toMatchObject({
      ok: false,
      error: { code: 'CHECK_GATE_BLOCKED', message: expect.stringContaining('or merge anyway with a reason'), details: { check: { status: 'failed', exitCode: 3 } } },
    });
    expect(expectOk(await services.merges.preview({ taskId: task.id, strategy: 'squash', includeUncommitted: true })).checkGate.verdict).toBe('blocked');

    // Fixed by hand, the check runs again and passes; auto review starts the review, told how the check went.
    writeFileSync(join(task.workspace.path, 'CHECKED'), 'yes\n');
    expect(expectOk(await services.pipelines.runCheck(task.id))).toMatchObject({ status: 'running', command });
    expect(await services.pipelines.runCheck(task.id)).toMatchObject({ ok: false, error: { code: 'BUSY' } });
    const reviewed = await waitForView(services, pipelineId, (v) => v.reviews[0]?.state === 'done', 'the review');
    expect(reviewed.reviews[0]).toMatchObject({ check: { status: 'passed', exitCode: 0 }, review: { createdBy: 'braid' }, versions: [{ verdict: 'correct' }] });
    const briefing = String(messagesOf(world.server.requests.find((request) => toolsOf(request).includes('submit_review'))!)[0]!.content);
    expect(briefing).toContain(`The project's check command ran in this workspace before your review: \`${command}\` passed (exit 0).\nIt printed nothing.`);
    expect(expectOk(await services.merges.preview({ taskId: task.id, strategy: 'squash', includeUncommitted: true })).checkGate).toMatchObject({ verdict: 'clear', message: null });
    expect(expectOk(await services.merges.run({ taskId: task.id, strategy: 'squash', includeUncommitted: true }))).toMatchObject({ status: 'merged' });

    const checks = expectOk(services.audit.list({ projectId: project.id, pipelineId, limit: 500 })).entries.filter((entry) => entry.type === 'check.finished').reverse();
    expect(checks.map((entry) => [entry.actor, entry.taskId, entry.payload.status, entry.payload.exitCode])).toEqual([
      ['braid', task.id, 'failed', 3],
      ['braid', task.id, 'passed', 0],
    ]);
  });

  it('with auto review off a passing check waits for the user to start the review; "merge anyway" past a failing check keeps the reason with the merge and audits it as a check gate override', async () => {
    const { services, project, pipelineId, task } = await oneStepPipeline({ checkCommand: 'exit 1', autoReview: false }, failed, 'the check to fail');
    expectOk(services.pipelineSettings.set(project.id, { checkCommand: 'true' }));
    expectOk(await services.pipelines.runCheck(task.id));
    const waiting = await waitForView(services, pipelineId, (v) => v.reviews[0]?.check?.status === 'passed', 'the check to pass');
    expect(waiting.reviews[0]).toMatchObject({ state: 'needs_you', note: 'Auto review is off: start the review.', review: null });
    expect(expectOk(services.reviews.overview(task.id)).reviewTasks).toEqual([]);

    expectOk(services.pipelineSettings.set(project.id, { checkCommand: 'exit 1' }));
    expectOk(await services.pipelines.runCheck(task.id));
    await waitForView(services, pipelineId, (v) => v.reviews[0]?.check?.status === 'failed', 'the check to fail again');
    const reason = 'The check needs a database this machine has not got';
    expect(expectOk(await services.merges.run({ taskId: task.id, strategy: 'squash', includeUncommitted: true, override: { reason } }))).toMatchObject({
      status: 'merged',
      merged: { override: { gates: ['check'], reason } },
    });
    expect(expectOk(services.pipelines.get(pipelineId)).merges[0]).toMatchObject({ state: 'done', merged: { override: { gates: ['check'], reason } } });
    const override = expectOk(services.audit.list({ projectId: project.id, pipelineId, limit: 500 })).entries.find((entry) => entry.type === 'gate.override');
    expect(override).toMatchObject({ actor: 'user', taskId: task.id, payload: { gate: 'check', reason, details: { command: 'exit 1', status: 'failed', exitCode: 1 } } });
    expect(describeAuditEntry(override!)).toBe(`Check gate overridden: ${reason}`);
  });

  it('a new run of the implementer cancels its running check, and the check runs again when it is done; a check Braid stopped in is recorded as not run', async () => {
    const { world, services, pipelineId, task, view } = await oneStepPipeline({ checkCommand: 'sleep 37' }, (v) => v.reviews[0]?.check?.status === 'running', 'the check to run');
    const first = view.reviews[0]!.check!.id;
    expectOk(await services.agents.send(task.id, 'One more change'));
    const again = await waitForView(services, pipelineId, (v) => v.reviews[0]?.check?.status === 'running' && v.reviews[0].check.id !== first, 'the check to run again');
    const entries = expectOk(services.audit.list({ projectId: world.project.id, pipelineId, limit: 500 })).entries.filter((entry) => entry.type === 'check.finished');
    expect(entries.map((entry) => [entry.payload.status, entry.payload.reason])).toEqual([['cancelled', 'The implementer started working again; the check runs again when it is done.']]);
    expect(again.reviews[0]).toMatchObject({ state: 'working', note: 'The check `sleep 37` is running.', review: null });

    // Braid stops while it runs: after the restart the check says so, and still gates the merge.
    const running = again.reviews[0]!.check!;
    await services.close();
    const db = new Database(join(world.dataDir, 'braid.db'));
    expect(db.prepare('SELECT status FROM pipeline_check WHERE id = ?').pluck().get(running.id)).toBe('cancelled');
    // A crash leaves it running: the next start records how it ended.
    db.prepare("UPDATE pipeline_check SET status = 'running', finished_at = NULL, reason = NULL WHERE id = ?").run(running.id);
    db.close();
    const reopened = await agentWorld({ repo: world.repo, dataDir: world.dataDir, server: world.server });
    expect(reopened.services.pipelines.latestCheck(task.id)).toMatchObject({ id: running.id, status: 'error', reason: 'Braid stopped while the check ran.' });
    expect(reopened.services.pipelines.checkGate(task.id)).toMatchObject({ verdict: 'blocked', message: 'Blocked by the check gate: the check `sleep 37` could not run.' });
  });
});
