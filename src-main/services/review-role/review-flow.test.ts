import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeAuditEntry } from '../../../src-shared/audit/describe-audit-entry';
import type { RecordedRequest } from '../../testing/scripted-model-server';
import { agentWorld } from '../testing/agent-fixture';
import { approvedPlanTask } from '../testing/implement-fixture';
import { expectOk } from '../testing/services-fixture';
import { buggy, fixed, implementedGreeting, p1AtLine2, submit, write } from './review-world.fixture';

type Body = { messages: { role: string; content: unknown }[]; tools?: { function: { name: string } }[] };
const systemOf = (request: RecordedRequest) => JSON.stringify((request.body as Body).messages.find((message) => message.role === 'system')?.content ?? '');
const lastUserOf = (request: RecordedRequest) => JSON.stringify((request.body as Body).messages.filter((message) => message.role === 'user').at(-1)?.content ?? '');
const toolsOf = (request: RecordedRequest) => ((request.body as Body).tools ?? []).map((tool) => tool.function.name);

describe('the review role (R3) on a shared workspace', () => {
  it('a review finds a P1 at its line, refused edits and invalid reviews first; sent to the implementer, who changes the line (likely addressed); reviewed again as fixed; the merge is blocked before and allowed after; all audited', async () => {
    const { world, implement } = await implementedGreeting('block');
    const { services } = world;
    expectOk(await services.permissions.saveRules('app', null, { allow: ['Bash(cat *)'], ask: [], deny: [] }));

    world.server.enqueue(
      // Tries to edit in every way a model might, reads with an allowed command, and submits a review the schema refuses.
      {
        text: 'Let me fix it myself first.',
        toolCalls: [
          { id: 'r-edit', name: 'edit_file', args: { path: 'src/greet.ts', old_string: 'nme', new_string: 'name' } },
          { id: 'r-redirect', name: 'run_command', args: { command: `echo "${fixed.split('\n')[1]}" > src/greet.ts` } },
          { id: 'r-read', name: 'run_command', args: { command: 'cat src/greet.ts' } },
          { id: 'r-schema', name: 'submit_review', args: { verdict: 'incorrect', explanation: 'Broken.', confidence: 1.5, findings: [{ ...p1AtLine2, title: 'x'.repeat(90), priority: 'P5' }] } },
        ],
      },
      // Places not in the diff: an unchanged file, and lines past the end of the changed one.
      {
        text: 'Again.',
        toolCalls: [
          { id: 'r-places', name: 'submit_review', args: { verdict: 'incorrect', explanation: 'Broken.', confidence: 0.9, findings: [{ ...p1AtLine2, file: 'README.md' }, { ...p1AtLine2, lineStart: 10, lineEnd: 12 }] } },
        ],
      },
      submit({ verdict: 'incorrect', explanation: 'The greeting throws: it names an undefined variable.', confidence: 0.9, findings: [p1AtLine2] }),
    );
    const review = expectOk(await services.reviews.start({ taskId: implement.id }));
    expect(review).toMatchObject({ role: 'review', reviewedTaskId: implement.id, title: 'Review: Greeting', workspace: { id: implement.workspace.id, path: implement.workspace.path } });
    await world.waitForStatus(review.id, 'done');
    expect(world.task(review.id).agent.statusReason).toBe('Review v1: incorrect, 1 P1');

    // The reviewer was briefed with the task's instructions and the diff against the merge-base, and offered no edit tool.
    const first = world.server.requests.find((request) => systemOf(request).includes('You review the work of the task'))!;
    expect(systemOf(first)).toContain('Add a greet(name) function in src/greet.ts');
    expect(systemOf(first)).toContain('+  return \'Hello \' + nme;');
    expect(toolsOf(first)).toEqual(expect.arrayContaining(['read_file', 'run_command', 'submit_review']));
    expect(toolsOf(first)).not.toContain('edit_file');
    expect(toolsOf(first)).not.toContain('write_file');

    const results = new Map(world.timeline(review.id).flatMap((event) => (event.kind === 'tool_result' ? [[event.callId, event] as const] : [])));
    expect(results.get('r-edit')).toMatchObject({ isError: true, text: expect.stringContaining('edit_file is not available to a review task') });
    expect(results.get('r-redirect')).toMatchObject({ isError: true, text: expect.stringContaining('review role never edits') });
    expect(results.get('r-read')).toMatchObject({ isError: false, text: expect.stringContaining('nme') });
    expect(results.get('r-schema')!.isError).toBe(true);
    expect(results.get('r-schema')!.text).toContain('findings[0].title: must be at most 80 characters');
    expect(results.get('r-schema')!.text).toContain('findings[0].priority:');
    expect(results.get('r-schema')!.text).toContain('confidence:');
    expect(results.get('r-schema')!.text).toContain('invalid submission 1 of 3');
    expect(results.get('r-places')!.text).toContain('findings[0].file: README.md is not a changed file of this workspace; the changed files are src/greet.ts');
    expect(results.get('r-places')!.text).toContain('findings[1]: src/greet.ts:10–12 is past the end of src/greet.ts, which has 3 lines');
    // Nothing the reviewer tried changed the work under review.
    expect(readFileSync(join(implement.workspace.path, 'src/greet.ts'), 'utf8')).toBe(buggy);
    expect(world.timeline(review.id).filter((event) => event.kind === 'review_version')).toMatchObject([{ version: 1, verdict: 'incorrect', findings: 1, fixed: 0 }]);

    const v1 = expectOk(services.reviews.overview(implement.id));
    expect(v1.reports.map((report) => [report.taskId, report.version, report.verdict])).toEqual([[review.id, 1, 'incorrect']]);
    expect(v1.findings).toMatchObject([{ title: p1AtLine2.title, priority: 'P1', path: 'src/greet.ts', lineStart: 2, lineEnd: 2, status: 'open', reviewTaskId: review.id }]);
    expect(v1.gate).toMatchObject({ mode: 'block', verdict: 'blocked' });
    const finding = v1.findings[0]!;

    // Blocked by the gate, from either task of the workspace.
    for (const taskId of [implement.id, review.id]) {
      expect(await services.merges.run({ taskId, strategy: 'squash', includeUncommitted: true })).toMatchObject({
        ok: false,
        error: { code: 'REVIEW_GATE_BLOCKED', message: expect.stringContaining('1 open P1 finding (“greet() returns an undefined name”)'), details: { findings: [{ id: finding.id }] } },
      });
    }
    expect(expectOk(await services.merges.preview({ taskId: implement.id, strategy: 'squash', includeUncommitted: true })).reviewGate.verdict).toBe('blocked');

    // Sent: one follow-up to the implementer, which changes that line.
    world.server.enqueue(write(fixed), { text: 'Fixed the name.' });
    const sentAt = world.timeline(implement.id).at(-1)!.seq;
    expect(expectOk(await services.reviews.sendFindings([finding.id]))).toEqual({ sent: 1, delivery: 'started' });
    expect(expectOk(services.reviews.overview(implement.id)).findings[0]).toMatchObject({ status: 'sent' });
    const followUp = world.timeline(implement.id).filter((event) => event.kind === 'user_message').at(-1);
    expect(followUp).toMatchObject({ text: expect.stringContaining('[P1] greet() returns an undefined name — src/greet.ts:2') });
    expect(followUp).toMatchObject({ text: expect.stringContaining("> " + "  return 'Hello ' + nme;") });
    expect(followUp).toMatchObject({ text: expect.stringContaining("Suggested fix: return 'Hello ' + name;") });
    await world.waitForEvent(implement.id, 'status', (event) => event.seq > sentAt && event.status === 'done');
    expect(readFileSync(join(implement.workspace.path, 'src/greet.ts'), 'utf8')).toBe(fixed);
    expect(expectOk(services.reviews.overview(implement.id)).findings[0]).toMatchObject({ status: 'addressed', statusReason: 'its lines changed since the review' });
    // Likely addressed is not fixed: the gate still holds.
    expect(expectOk(services.reviews.overview(implement.id)).gate.verdict).toBe('blocked');

    // Review again: the earlier finding in the reviewer's context; the new review says it is fixed.
    world.server.enqueue(submit({ verdict: 'correct', explanation: 'The name is right now.', confidence: 0.95, findings: [], resolved: [{ findingId: finding.id, fixed: true, note: 'uses name' }] }));
    const before = world.server.requests.length;
    const againAt = world.timeline(review.id).at(-1)!.seq;
    expect(expectOk(await services.reviews.reviewAgain(review.id))).toEqual({ delivery: 'started' });
    await world.waitForEvent(review.id, 'status', (event) => event.seq > againAt && event.status === 'done');
    expect(world.task(review.id).agent.statusReason).toBe('Review v2: correct, no findings; 1 earlier finding fixed');
    const again = world.server.requests.slice(before)[0]!;
    expect(systemOf(again)).toContain(`${finding.id} [P1, likely addressed (its lines changed since)] src/greet.ts:2 — greet() returns an undefined name`);
    expect(systemOf(again)).toContain("+  return 'Hello ' + name;");
    expect(lastUserOf(again)).toContain('Review the work again');
    const v2 = expectOk(services.reviews.overview(implement.id));
    expect(v2.reports.map((report) => [report.version, report.verdict, report.resolved])).toEqual([
      [1, 'incorrect', []],
      [2, 'correct', [{ findingId: finding.id, fixed: true, note: 'uses name' }]],
    ]);
    expect(v2.findings[0]).toMatchObject({ status: 'fixed', statusReason: 'uses name' });
    expect(v2.gate).toMatchObject({ verdict: 'clear', findings: [] });

    expect(expectOk(await services.merges.run({ taskId: implement.id, strategy: 'squash', includeUncommitted: true }))).toMatchObject({ status: 'merged' });

    const entries = expectOk(services.audit.list({ projectId: world.project.id, limit: 500 })).entries.reverse();
    const reviewEntries = entries.filter((entry) => /^(review|finding|gate)\./.test(entry.type)).map((entry) => [entry.type, entry.actor, describeAuditEntry(entry)]);
    expect(reviewEntries).toEqual([
      ['review.submitted', 'agent', 'Review v1: incorrect (confidence 0.9), 1 finding'],
      ['finding.submitted', 'agent', 'Finding P1 “greet() returns an undefined name” at src/greet.ts:2'],
      ['finding.sent', 'user', 'Finding P1 “greet() returns an undefined name” sent to the implementer'],
      ['finding.addressed', 'braid', expect.stringContaining('“greet() returns an undefined name”')],
      ['review.submitted', 'agent', 'Review v2: correct (confidence 0.95), 0 findings'],
      ['finding.fixed', 'agent', expect.stringContaining('“greet() returns an undefined name”')],
    ]);
    expect(expectOk(services.audit.verify(world.project.id))).toMatchObject({ ok: true });
  });

  it('a finding whose lines only moved (the implementer added lines above) follows them and stays sent; the gate still holds', async () => {
    const { world, implement } = await implementedGreeting();
    world.server.enqueue(submit({ verdict: 'incorrect', explanation: 'Throws.', confidence: 0.9, findings: [p1AtLine2] }));
    const review = expectOk(await world.services.reviews.start({ taskId: implement.id }));
    await world.waitForStatus(review.id, 'done');
    const [finding] = expectOk(world.services.reviews.overview(implement.id)).findings;

    world.server.enqueue(write(`// Greetings.\n\n${buggy}`), { text: 'Added a header.' });
    const sentAt = world.timeline(implement.id).at(-1)!.seq;
    expectOk(await world.services.reviews.sendFindings([finding!.id]));
    await world.waitForEvent(implement.id, 'status', (event) => event.seq > sentAt && event.status === 'done');
    expect(expectOk(world.services.reviews.overview(implement.id)).findings[0]).toMatchObject({ status: 'sent', lineStart: 4, lineEnd: 4 });
    expect(expectOk(world.services.reviews.overview(implement.id)).gate.verdict).toBe('blocked');
  });

  it('"merge anyway" with a reason passes a blocking gate and is audited as a gate override with the findings', async () => {
    const { world, implement } = await implementedGreeting('block');
    world.server.enqueue(submit({ verdict: 'incorrect', explanation: 'Throws.', confidence: 0.9, findings: [p1AtLine2] }));
    const review = expectOk(await world.services.reviews.start({ taskId: implement.id }));
    await world.waitForStatus(review.id, 'done');
    const [finding] = expectOk(world.services.reviews.overview(implement.id)).findings;

    expect(expectOk(await world.services.merges.run({ taskId: implement.id, strategy: 'squash', includeUncommitted: true, override: { reason: 'Hotfix; the name is fixed in the next change' } }))).toMatchObject({ status: 'merged' });
    const override = expectOk(world.services.audit.list({ projectId: world.project.id, limit: 500 })).entries.find((entry) => entry.type === 'gate.override');
    expect(override).toMatchObject({
      actor: 'user',
      taskId: implement.id,
      payload: { gate: 'review', reason: 'Hotfix; the name is fixed in the next change', details: { mode: 'block', findings: [{ id: finding!.id, priority: 'P1', status: 'open' }] } },
    });
  });

  it('with the gate on warn the merge goes ahead and says so in the preview; dismissed findings do not count', async () => {
    const { world, implement } = await implementedGreeting('warn');
    world.server.enqueue(submit({ verdict: 'incorrect', explanation: 'Throws.', confidence: 0.9, findings: [p1AtLine2] }));
    const review = expectOk(await world.services.reviews.start({ taskId: implement.id }));
    await world.waitForStatus(review.id, 'done');
    const [finding] = expectOk(world.services.reviews.overview(implement.id)).findings;
    expect(expectOk(await world.services.merges.preview({ taskId: implement.id, strategy: 'squash', includeUncommitted: true })).reviewGate).toMatchObject({ verdict: 'warn', message: expect.stringContaining('The review gate warns: 1 open P1 finding') });

    expect(expectOk(world.services.reviews.dismissFinding(finding!.id, 'The caller never passes a name'))).toMatchObject({ status: 'dismissed', statusReason: 'The caller never passes a name' });
    expect(await world.services.reviews.sendFindings([finding!.id])).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('is dismissed') } });
    expect(expectOk(await world.services.merges.preview({ taskId: implement.id, strategy: 'squash', includeUncommitted: true })).reviewGate).toMatchObject({ verdict: 'clear', message: null });
    const dismissed = expectOk(world.services.audit.list({ projectId: world.project.id, limit: 500 })).entries.find((entry) => entry.type === 'finding.dismissed');
    expect(dismissed).toMatchObject({ actor: 'user', payload: { findingId: finding!.id, reason: 'The caller never passes a name' } });
  });

  it('three invalid reviews in a row fail the task clearly, storing nothing', async () => {
    const { world, implement } = await implementedGreeting();
    const outside = { verdict: 'incorrect', explanation: 'x', confidence: 0.5, findings: [{ ...p1AtLine2, lineStart: 7, lineEnd: 7 }] };
    world.server.enqueue(submit(outside), submit(outside), submit({ ...outside, verdict: 'maybe' }));
    const review = expectOk(await world.services.reviews.start({ taskId: implement.id }));
    const failed = await world.waitForStatus(review.id, 'failed');
    expect(failed.agent.statusReason).toMatch(/^The model could not produce a valid review: 3 submissions in a row were invalid\. The last one: verdict:/);
    expect(expectOk(world.services.reviews.overview(implement.id))).toMatchObject({ reports: [], findings: [] });
  });

  it('a finding must name a criterion of the pinned plan, if any, and a review with a P1 cannot say "correct"', async () => {
    const { world, implement } = await implementedGreeting();
    world.server.enqueue(
      submit({ verdict: 'correct', explanation: 'Fine.', confidence: 0.5, findings: [{ ...p1AtLine2, criterion: 'AC1' }] }),
      submit({ verdict: 'correct', explanation: 'Fine.', confidence: 0.5, findings: [] }),
    );
    const review = expectOk(await world.services.reviews.start({ taskId: implement.id }));
    await world.waitForStatus(review.id, 'done');
    const refusal = world.timeline(review.id).find((event) => event.kind === 'tool_result' && event.isError);
    expect(refusal).toMatchObject({ text: expect.stringContaining('findings[0].criterion: the reviewed work is not pinned to a plan') });
    expect(refusal).toMatchObject({ text: expect.stringContaining('verdict: "correct" with a P1 finding (findings[0])') });
  });

  it('a shared workspace names every task on it: deleting or archiving the owner is refused until confirmed; deleting the review leaves the workspace', async () => {
    const { world, implement } = await implementedGreeting('off');
    const { services } = world;
    world.server.enqueue(submit({ verdict: 'correct', explanation: 'Good.', confidence: 0.8, findings: [] }));
    const review = expectOk(await services.reviews.start({ taskId: implement.id }));
    await world.waitForStatus(review.id, 'done');

    expect(await services.tasks.delete({ taskId: implement.id, force: true, keepBranch: false })).toMatchObject({
      ok: false,
      error: { code: 'WORKSPACE_SHARED', message: '“Greeting” shares its workspace with another task (“Review: Greeting”). Deleting it removes that task too.', details: { tasks: [{ id: review.id, title: 'Review: Greeting', role: 'review' }] } },
    });
    // The review goes alone; the work stays.
    expectOk(await services.tasks.delete({ taskId: review.id, force: false, keepBranch: false }));
    expect(existsSync(join(implement.workspace.path, 'src/greet.ts'))).toBe(true);
    expect(expectOk(services.tasks.list(world.project.id)).map((task) => task.id)).toEqual([implement.id]);

    world.server.enqueue(submit({ verdict: 'correct', explanation: 'Good.', confidence: 0.8, findings: [] }));
    const second = expectOk(await services.reviews.start({ taskId: implement.id }));
    await world.waitForStatus(second.id, 'done');
    expectOk(await services.merges.run({ taskId: implement.id, strategy: 'squash', includeUncommitted: true }));
    expect(await services.merges.archive(implement.id, false)).toMatchObject({ ok: false, error: { code: 'WORKSPACE_SHARED', message: expect.stringContaining('Archiving it removes that task too.') } });
    expectOk(await services.merges.archive(implement.id, false, true));
    expect(expectOk(services.tasks.list(world.project.id))).toEqual([]);
    expect(existsSync(implement.workspace.path)).toBe(false);
  });

  it('deleting the owner with its reviews confirmed removes them all, their findings with them', async () => {
    const { world, implement } = await implementedGreeting();
    world.server.enqueue(submit({ verdict: 'incorrect', explanation: 'Throws.', confidence: 0.9, findings: [p1AtLine2] }));
    const review = expectOk(await world.services.reviews.start({ taskId: implement.id }));
    await world.waitForStatus(review.id, 'done');
    expectOk(await world.services.tasks.delete({ taskId: implement.id, force: true, keepBranch: false, withSharedTasks: true }));
    expect(expectOk(world.services.tasks.list(world.project.id))).toEqual([]);
    expect(world.services.reviews.overview(review.id)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(existsSync(implement.workspace.path)).toBe(false);
  });

  it('a review is refused for a review task, for work with no changes, and while the implementer runs', async () => {
    const { world, implement } = await implementedGreeting();
    world.server.enqueue(submit({ verdict: 'correct', explanation: 'Good.', confidence: 0.8, findings: [] }));
    const review = expectOk(await world.services.reviews.start({ taskId: implement.id }));
    await world.waitForStatus(review.id, 'done');
    expect(await world.services.reviews.start({ taskId: review.id })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('is itself a review') } });

    world.server.enqueue({ text: 'Nothing to change.' });
    const idle = await world.createTask('Nothing', 'Look around');
    await world.waitForStatus(idle.id, 'done');
    expect(await world.services.reviews.start({ taskId: idle.id })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('no changes') } });

    world.server.enqueue({ fault: { kind: 'hang' } });
    expectOk(await world.services.agents.send(implement.id, 'One more thing'));
    await world.waitForStatus(implement.id, 'running');
    expect(await world.services.reviews.start({ taskId: implement.id })).toMatchObject({ ok: false, error: { code: 'BUSY', message: '“Greeting” is still working; review it once its run has ended.' } });
    expect(await world.services.reviews.reviewAgain(review.id)).toMatchObject({ ok: false, error: { code: 'BUSY' } });
    await world.services.agents.stopAndWait(implement.id);
  });

  it('reviewing an implement task pinned to a plan: briefed with the plan, its criteria, the implementer\'s summary and the unplanned changes; a criterion must be the plan\'s', async () => {
    const world = await agentWorld();
    const { planTask } = await approvedPlanTask(world);
    world.server.enqueue(
      {
        text: 'Grouping the items.',
        toolCalls: [
          { name: 'write_file', args: { path: 'src/nav.ts', content: 'export const groups = ["Work", "Play"];\n' } },
          { name: 'write_file', args: { path: 'NOTES.md', content: 'Grouping notes\n' } },
          { name: 'update_step', args: { stepId: 'S1', status: 'done', note: 'Two groups' } },
          { name: 'update_step', args: { stepId: 'S2', status: 'skipped', note: 'Later' } },
        ],
      },
      { text: 'Grouped.' },
    );
    const [implement] = expectOk(await world.services.plans.implement({ taskId: planTask.id, version: 1, assignments: [{ stepIds: ['S1', 'S2'] }] }));
    await world.waitForStatus(implement!.id, 'done');

    const onAc1 = { ...p1AtLine2, title: 'Only two groups', file: 'src/nav.ts', lineStart: 1, lineEnd: 1, body: 'AC1 asks for three groups.' };
    world.server.enqueue(
      submit({ verdict: 'incorrect', explanation: 'Two groups.', confidence: 0.9, findings: [{ ...onAc1, criterion: 'AC9' }] }),
      submit({ verdict: 'incorrect', explanation: 'Two groups, not three.', confidence: 0.9, findings: [{ ...onAc1, criterion: 'AC1' }] }),
    );
    const review = expectOk(await world.services.reviews.start({ taskId: implement!.id }));
    await world.waitForStatus(review.id, 'done');

    const briefed = systemOf(world.server.requests.find((request) => systemOf(request).includes('You review the work of the implement task'))!);
    expect(briefed).toContain('steps S1, S2 of the approved plan \\"Group the navigation\\" (v1)');
    expect(briefed).toContain('AC1: Three groups show in the sidebar (verify: npm test -- nav)');
    expect(briefed).toContain('<summary>');
    expect(briefed).toContain('Unplanned changes (files no step of this task names; check that each is needed): NOTES.md.');
    expect(briefed).toContain('+export const groups = [\\"Work\\", \\"Play\\"];');
    const refusal = world.timeline(review.id).find((event) => event.kind === 'tool_result' && event.isError);
    expect(refusal).toMatchObject({ text: expect.stringContaining("findings[0].criterion: AC9 is not an acceptance criterion of the plan; the plan's criteria are AC1, AC2") });
    expect(expectOk(world.services.reviews.overview(review.id)).findings).toMatchObject([{ title: 'Only two groups', criterion: 'AC1', path: 'src/nav.ts', lineStart: 1 }]);
  });
});
