import { describe, expect, it } from 'vitest';
import { describeAuditEntry } from '../../../src-shared/audit/describe-audit-entry';
import { TimelineWriter } from '../agents/timeline-writer';
import { DomainEventBus } from '../events';
import { expectOk } from '../testing/services-fixture';
import { storeWithTask } from '../testing/store-fixture';
import { tempFolder } from '../testing/temp-folders';
import { createAuditTrail } from './index';

describe('audit entries from the pipeline’s domain events', () => {
  it('records plan versions and decisions, reviews, findings and gate overrides as the plan and review services publish them', async () => {
    const store = storeWithTask(tempFolder('braid-audit-'));
    const events = new DomainEventBus();
    const trail = createAuditTrail({ store, now: () => 1_000, events, emit: () => undefined });
    trail.rideOn(new TimelineWriter({ store, now: () => 1_000, publish: () => undefined, flushIntervalMs: 60_000 }));
    const plan = { projectId: 'proj000001', taskId: 'plan000001', pipelineId: 'pipe000001' };
    const review = { projectId: 'proj000001', taskId: 'revw000001', pipelineId: 'pipe000001' };

    const fact = (version: number) => ({ ...plan, version, title: 'Add search', contentHash: `c${version}`, at: 1_000 });
    await events.publish('plan.versionAdded', { ...fact(1), author: 'agent', status: 'proposed', basedOn: null });
    await events.publish('plan.decided', { ...fact(1), decision: { kind: 'changes_requested', at: 1_000, message: 'Split step 2', comments: [{ target: 'S2', text: 'Too big' }] } });
    await events.publish('plan.versionAdded', { ...fact(2), author: 'user', status: 'proposed', basedOn: 1 });
    await events.publish('plan.decided', { ...fact(2), decision: { kind: 'approved', at: 1_000, message: null, comments: [] } });
    await events.publish('plan.submissionRefused', { ...plan, attempt: 3, issues: ['steps: a plan needs at least one step'], failedTask: true, at: 1_000 });
    await events.publish('plan.saved', { ...fact(2), workspaceTaskId: 'impl000001', path: 'docs/plans/add-search.md', commit: 'abcdef1234567890' });
    const finding = { id: 'find000001', title: 'Off by one', priority: 'P1' as const, path: 'src/search.ts', lineStart: 10, lineEnd: 12 };
    await events.publish('review.submitted', { ...review, reviewedTaskId: 'impl000001', version: 1, verdict: 'incorrect', confidence: 0.8, findings: [finding] });
    const moved = { ...review, reviewedTaskId: 'impl000001', findingId: finding.id, title: finding.title, priority: finding.priority };
    await events.publish('finding.statusChanged', { ...moved, status: 'sent', reason: null, actor: 'user' });
    await events.publish('finding.statusChanged', { ...moved, status: 'dismissed', reason: 'Intended', actor: 'user' });
    await events.publish('gate.overridden', { ...review, taskId: 'impl000001', gate: 'review', reason: 'Hotfix, reviewed by hand', details: { findingIds: [finding.id] } });

    const entries = expectOk(trail.service.list({ projectId: 'proj000001', pipelineId: 'pipe000001', limit: 100 })).entries.reverse();
    expect(entries.map((entry) => [entry.type, entry.actor, describeAuditEntry(entry)])).toEqual([
      ['plan.submitted', 'agent', 'Plan v1 submitted: “Add search”'],
      ['plan.changes_requested', 'user', 'Changes requested on plan v1: Split step 2 (1 comment)'],
      ['plan.edited', 'user', 'Plan v2 edited by the user: “Add search”'],
      ['plan.approved', 'user', 'Plan v2 approved'],
      ['plan.submission_refused', 'agent', 'Invalid plan refused (try 3): the task failed'],
      ['plan.saved', 'user', 'Plan v2 saved to the repository as docs/plans/add-search.md (abcdef1)'],
      ['review.submitted', 'agent', 'Review v1: incorrect (confidence 0.8), 1 finding'],
      ['finding.submitted', 'agent', 'Finding P1 “Off by one” at src/search.ts:10–12'],
      ['finding.sent', 'user', 'Finding P1 “Off by one” sent to the implementer'],
      ['finding.dismissed', 'user', 'Finding P1 “Off by one” dismissed: Intended'],
      ['gate.override', 'user', 'Review gate overridden: Hotfix, reviewed by hand'],
    ]);
    expect(entries.map((entry) => entry.taskId)).toEqual([...Array(6).fill('plan000001'), ...Array(4).fill('revw000001'), 'impl000001']);
    expect(expectOk(trail.service.verify('proj000001'))).toMatchObject({ ok: true, entries: 11 });
    store.close();
  });
  it('records an implementation (version, base, each task with its steps) and each step an implement agent marks', async () => {
    const store = storeWithTask(tempFolder('braid-audit-'));
    const events = new DomainEventBus();
    const trail = createAuditTrail({ store, now: () => 1_000, events, emit: () => undefined });
    trail.rideOn(new TimelineWriter({ store, now: () => 1_000, publish: () => undefined, flushIntervalMs: 60_000 }));
    const tasks = [
      { taskId: 'impl000001', title: 'Add search — S1, S3', stepIds: ['S1', 'S3'], model: null },
      { taskId: 'impl000002', title: 'Add search — S2', stepIds: ['S2'], model: 'openai:gpt-4o-mini' },
    ];
    await events.publish('plan.implemented', {
      projectId: 'proj000001', taskId: 'plan000001', pipelineId: 'pipe000001', version: 2, title: 'Add search', contentHash: 'c2', at: 1_000,
      baseBranch: 'main', baseCommit: 'abcdef1234567890', tasks,
    });
    const step = { projectId: 'proj000001', taskId: 'impl000002', pipelineId: 'pipe000001', planTaskId: 'plan000001', version: 2, stepId: 'S2', at: 1_000 };
    await events.publish('plan.stepUpdated', { ...step, status: 'in_progress', note: null });
    await events.publish('plan.stepUpdated', { ...step, status: 'skipped', note: 'Already done by S1' });

    const entries = expectOk(trail.service.list({ projectId: 'proj000001', pipelineId: 'pipe000001', limit: 100 })).entries.reverse();
    expect(entries.map((entry) => [entry.type, entry.actor, entry.taskId, describeAuditEntry(entry)])).toEqual([
      ['plan.implemented', 'user', 'plan000001', 'Plan v2 implemented in 2 tasks [S1, S3] [S2] from main at abcdef1'],
      ['step.updated', 'agent', 'impl000002', 'Step S2 of plan v2 in progress'],
      ['step.updated', 'agent', 'impl000002', 'Step S2 of plan v2 skipped: Already done by S1'],
    ]);
    expect(entries[0]?.payload).toEqual({ version: 2, contentHash: 'c2', baseBranch: 'main', baseCommit: 'abcdef1234567890', tasks });
    expect(entries[2]?.payload).toEqual({ planTaskId: 'plan000001', version: 2, stepId: 'S2', status: 'skipped', note: 'Already done by S1' });
    store.close();
  });
});
