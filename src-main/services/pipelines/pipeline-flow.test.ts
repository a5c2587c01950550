import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { describeAuditEntry } from '../../../src-shared/audit/describe-audit-entry';
import { createRepo, git } from '../../testing/git-fixtures';
import { drawerFindingTitle, fixedDrawer, lastOf, pipelineRepoFiles, scriptPipelineAgents, toolsOf } from '../../testing/pipeline-agents';
import { agentWorld } from '../testing/agent-fixture';
import { expectOk } from '../testing/services-fixture';
import { tempFolder } from '../testing/temp-folders';
import { waitForView } from './pipeline.fixture';

const repoFiles = pipelineRepoFiles;
const findingTitle = drawerFindingTitle;

describe('a pipeline (R4): plan → implement ×2 → review ×2 → merged', () => {
  it('runs from a goal to two merges: changes requested on a step, v2 approved, two parallel implement tasks, a P1 at a line sent back and fixed, reviewed again; the merge blocked before and allowed after; every step audited, the chain verifies, tampering is found, and it all survives a restart', { timeout: 120_000 }, async () => {
    const repo = createRepo({ path: join(tempFolder('braid-pipeline-repo-'), 'app'), files: repoFiles }).path;
    const dataDir = tempFolder('braid-pipeline-data-');
    const world = await agentWorld({ repo, dataDir });
    const { services, project } = world;
    // Each implementer's first answer waits until both have asked: they work in parallel, or the test never ends.
    scriptPipelineAgents(world.server);
    expectOk(services.pipelineSettings.set(project.id, { reviewGate: 'block' }));

    // The goal: a pipeline and its plan task.
    const created = expectOk(await services.pipelines.create({ projectId: project.id, goal: 'Group the navigation into sections', models: { plan: null, implement: null, review: null } }));
    const pipelineId = created.pipeline.id;
    expect(created).toMatchObject({ pipeline: { title: 'Group the navigation into sections', goal: 'Group the navigation into sections' }, stage: 'plan', implement: [], reviews: [], merges: [] });
    const planTaskId = created.plan!.taskId;
    expect(world.task(planTaskId)).toMatchObject({ role: 'plan', pipelineId, title: 'Plan: Group the navigation into sections', prompt: 'Group the navigation into sections' });

    // v1 at the gate; changes requested on S2.
    let view = await waitForView(services, pipelineId, (v) => v.plan?.state === 'needs_you', 'plan v1 at the gate');
    expect(view.plan).toMatchObject({ gate: 'Plan v1 awaits your approval.', versions: [{ version: 1, status: 'proposed', author: 'agent' }] });
    expectOk(await services.plans.requestChanges(planTaskId, 1, 'Use a drawer instead of a collapsible menu.', [{ target: 'S2', text: 'A drawer that slides in from the left' }]));
    view = await waitForView(services, pipelineId, (v) => v.plan?.versions.length === 2 && v.plan.state === 'needs_you', 'plan v2 at the gate');
    expect(view.plan!.versions.map((version) => [version.version, version.status, version.decision?.kind ?? null])).toEqual([
      [1, 'changes_requested', 'changes_requested'],
      [2, 'proposed', null],
    ]);
    const revision = world.server.requests.find((request) => toolsOf(request).includes('submit_plan') && JSON.stringify(lastOf(request)?.content).includes('drawer'))!;
    expect(JSON.stringify(lastOf(revision)?.content)).toContain('On step S2');

    // Approving v2 creates the implement tasks by itself: one per parallel group, pinned to v2, from the same base.
    const base = git(repo, 'rev-parse', 'main');
    expectOk(await services.plans.approve(planTaskId, 2));
    view = await waitForView(services, pipelineId, (v) => v.implement.length === 2, 'two implement tasks');
    expect(view.plan).toMatchObject({ state: 'done', approvedVersion: 2, gate: 'You approved plan v2.' });
    expect(view.implement.map((stage) => [stage.title, stage.planVersion, stage.stepIds, stage.createdBy])).toEqual([
      ['Group the navigation — S1, S3', 2, ['S1', 'S3'], 'braid'],
      ['Group the navigation — S2', 2, ['S2'], 'braid'],
    ]);
    const [navTask, drawerTask] = view.implement.map((stage) => world.task(stage.taskId));
    for (const task of [navTask!, drawerTask!]) expect(task).toMatchObject({ pipelineId, role: 'implement', workspace: { baseCommit: base } });

    // Both implement in parallel, each marks its steps; ready for review, each is reviewed by itself (auto review).
    view = await waitForView(services, pipelineId, (v) => v.reviews.every((stage) => stage.versions.length === 1 && stage.review?.status === 'done'), 'both reviews');
    expect(view.implement.map((stage) => [stage.state, stage.readyForReview, stage.steps])).toEqual([
      ['done', true, { done: 1, skipped: 1, total: 2 }],
      ['done', true, { done: 1, skipped: 0, total: 1 }],
    ]);
    expect(view.reviews.map((stage) => [stage.reviewedTitle, stage.review?.createdBy, stage.versions.map((version) => version.verdict)])).toEqual([
      ['Group the navigation — S1, S3', 'braid', ['correct']],
      ['Group the navigation — S2', 'braid', ['incorrect']],
    ]);
    expect(view.reviews[0]!.state).toBe('done');
    expect(view.reviews[1]).toMatchObject({ state: 'needs_you', findings: [{ title: findingTitle, priority: 'P1', path: 'src/menu/drawer.ts', lineStart: 2, status: 'open' }], gate: { verdict: 'blocked' } });
    expect(view.merges.map((stage) => stage.state)).toEqual(['needs_you', 'waiting']);
    expect(view.stage).toBe('review');

    // The merge of the drawer is blocked by the P1.
    expect(await services.merges.run({ taskId: drawerTask!.id, strategy: 'squash', includeUncommitted: true })).toMatchObject({ ok: false, error: { code: 'REVIEW_GATE_BLOCKED' } });

    // Sent to the implementer, who changes that line; the pipeline reviews again by itself and the finding is fixed.
    const findingId = view.reviews[1]!.findings[0]!.id;
    expectOk(await services.reviews.sendFindings([findingId]));
    view = await waitForView(services, pipelineId, (v) => v.reviews[1]!.versions.length === 2 && v.reviews[1]!.state === 'done', 'the drawer reviewed again');
    expect(readFileSync(join(drawerTask!.workspace.path, 'src/menu/drawer.ts'), 'utf8')).toBe(fixedDrawer);
    expect(view.reviews[1]).toMatchObject({ versions: [{ verdict: 'incorrect', findings: 1 }, { verdict: 'correct', findings: 0, fixed: 1 }], findings: [{ id: findingId, status: 'fixed' }], gate: { verdict: 'clear' } });
    expect(view.merges.map((stage) => stage.state)).toEqual(['needs_you', 'needs_you']);

    // Now both merge.
    for (const task of [drawerTask!, navTask!]) expect(expectOk(await services.merges.run({ taskId: task.id, strategy: 'squash', includeUncommitted: true }))).toMatchObject({ status: 'merged' });
    view = expectOk(services.pipelines.get(pipelineId));
    expect(view.stage).toBe('done');
    expect([view.plan!.state, ...view.implement.map((s) => s.state), ...view.reviews.map((s) => s.state), ...view.merges.map((s) => s.state)]).toEqual(Array(7).fill('done'));
    expect(view.merges.map((stage) => stage.merged && [stage.merged.targetBranch, stage.merged.strategy, stage.merged.override])).toEqual([
      ['main', 'squash', null],
      ['main', 'squash', null],
    ]);
    expect(git(repo, 'show', 'main:src/menu/drawer.ts')).toBe(fixedDrawer.trimEnd());
    expect(git(repo, 'show', 'main:src/nav.ts')).toContain('Settings');

    // The pipeline's audit trail holds every step, with who did it.
    const entries = expectOk(services.audit.list({ projectId: project.id, pipelineId, limit: 500 })).entries.reverse();
    const said = (type: string) => entries.filter((entry) => entry.type === type).map((entry) => `${entry.actor}: ${describeAuditEntry(entry)}`);
    expect(said('pipeline.created')).toEqual(['user: Pipeline “Group the navigation into sections” started: Group the navigation into sections']);
    expect(said('plan.submitted')).toEqual(['agent: Plan v1 submitted: “Group the navigation”', 'agent: Plan v2 submitted: “Group the navigation”']);
    expect(said('plan.changes_requested')).toEqual(['user: Changes requested on plan v1: Use a drawer instead of a collapsible menu. (1 comment)']);
    expect(said('plan.approved')).toEqual(['user: Plan v2 approved']);
    expect(said('plan.implemented')).toEqual([expect.stringMatching(/^braid: Plan v2 implemented in 2 tasks \[S1, S3\] \[S2\] from main at /)]);
    // The two reviews start at the same moment, in either order.
    expect(entries.filter((entry) => entry.type === 'task.created').map((entry) => [entry.actor, entry.payload.title]).sort()).toEqual([
      ['braid', 'Group the navigation — S1, S3'],
      ['braid', 'Group the navigation — S2'],
      ['braid', 'Review: Group the navigation — S1, S3'],
      ['braid', 'Review: Group the navigation — S2'],
      ['user', 'Plan: Group the navigation into sections'],
    ]);
    expect(said('step.updated')).toHaveLength(5);
    expect(said('finding.submitted')).toEqual([`agent: Finding P1 “${findingTitle}” at src/menu/drawer.ts:2`]);
    expect(said('finding.sent')).toEqual([`user: Finding P1 “${findingTitle}” sent to the implementer`]);
    expect(said('finding.fixed')).toEqual([`agent: Finding P1 “${findingTitle}” fixed: uses side`]);
    expect(said('review.submitted')).toHaveLength(3);
    expect(said('merge.landed')).toHaveLength(2);
    const order = ['pipeline.created', 'plan.submitted', 'plan.changes_requested', 'plan.approved', 'plan.implemented', 'review.submitted', 'finding.sent', 'finding.fixed', 'merge.landed'];
    const firstSeq = (type: string) => entries.find((entry) => entry.type === type)!.seq;
    expect(order.map(firstSeq)).toEqual(order.map(firstSeq).sort((a, b) => a - b));
    expect(expectOk(services.audit.verify(project.id))).toMatchObject({ ok: true });

    // Tampering with one row (the approval rewritten as another version) is found, and named.
    const approval = entries.find((entry) => entry.type === 'plan.approved')!;
    const db = new Database(join(dataDir, 'braid.db'));
    db.prepare('UPDATE audit_entry SET payload = ? WHERE project_id = ? AND seq = ?').run(JSON.stringify({ ...approval.payload, version: 1 }), project.id, approval.seq);
    db.close();
    expect(expectOk(services.audit.verify(project.id))).toMatchObject({ ok: false, firstBroken: { seq: approval.seq, problem: 'edited' } });

    // After a restart the pipeline and its stages are all still there.
    const before = expectOk(services.pipelines.get(pipelineId));
    await services.close();
    const again = await agentWorld({ repo, dataDir, server: world.server });
    expect(expectOk(again.services.pipelines.list(again.project.id))).toMatchObject([{ id: pipelineId, title: 'Group the navigation into sections', stage: 'done', needsYou: false }]);
    expect(expectOk(again.services.pipelines.get(pipelineId))).toEqual(before);
  });
});
