import { describe, expect, it, vi } from 'vitest';
import { revisedSamplePlan, samplePlan, submitPlanTurn } from '../../testing/sample-plan';
import { agentWorld } from '../testing/agent-fixture';
import { expectOk } from '../testing/services-fixture';

type World = Awaited<ReturnType<typeof agentWorld>>;

/** A plan task whose agent has submitted v1 and stopped at the gate. */
async function planAtGate(world: World) {
  world.server.enqueue(submitPlanTurn(samplePlan()));
  const task = await world.createTask('Plan the navigation', 'Plan grouping the navigation', 'plan');
  await world.waitForStatus(task.id, 'plan_review');
  return task;
}

/** The agent submits another version after the user's plain message (it "keeps planning"). */
async function agentSubmitsAgain(world: World, taskId: string, version: number, message = 'Also plan the footer.') {
  world.server.enqueue(submitPlanTurn(revisedSamplePlan()));
  expectOk(await world.services.agents.send(taskId, message));
  await vi.waitFor(() => expect(world.task(taskId).agent.statusReason).toBe(`Plan v${version} awaits approval`), { timeout: 15_000 });
}

const refusal = (message: string | RegExp) => ({ ok: false, error: { code: 'PLAN_NOT_APPROVED', message: typeof message === 'string' ? message : expect.stringMatching(message) } });

describe('requireApprovedPlan: only the approved latest version passes', () => {
  it('refuses a proposed version, then passes it once approved', async () => {
    const world = await agentWorld();
    const task = await planAtGate(world);
    expect(world.services.plans.requireApprovedPlan(task.id, 1)).toMatchObject(refusal('Plan v1 has not been approved: it is waiting for a decision.'));
    expectOk(await world.services.plans.approve(task.id, 1));
    expect(expectOk(world.services.plans.requireApprovedPlan(task.id, 1))).toMatchObject({ version: 1, status: 'approved' });
  });

  it('refuses a version with changes requested, and its revision until that is approved', async () => {
    const world = await agentWorld();
    const task = await planAtGate(world);
    world.server.enqueue(submitPlanTurn(revisedSamplePlan()));
    expectOk(await world.services.plans.requestChanges(task.id, 1, 'Add tests.', []));
    expect(world.services.plans.requireApprovedPlan(task.id, 1)).toMatchObject(refusal('Changes were requested on plan v1; the agent has not submitted the revised version yet.'));
    await vi.waitFor(() => expect(world.task(task.id).agent.statusReason).toBe('Plan v2 awaits approval'), { timeout: 15_000 });
    expect(world.services.plans.requireApprovedPlan(task.id, 1)).toMatchObject(refusal('Changes were requested on plan v1; the revised version is v2 (waiting for a decision).'));
    expect(world.services.plans.requireApprovedPlan(task.id, 2)).toMatchObject(refusal(/^Plan v2 has not been approved/));
  });

  it('refuses a rejected version; rejecting twice with the same reason is harmless, deciding again is not', async () => {
    const world = await agentWorld();
    const task = await planAtGate(world);
    const rejected = expectOk(await world.services.plans.reject(task.id, 1, 'Out of scope for now'));
    expect(rejected).toMatchObject({ status: 'rejected', decision: { kind: 'rejected', message: 'Out of scope for now' } });
    expect(world.task(task.id).agent).toMatchObject({ status: 'done', statusReason: 'Plan v1 rejected: Out of scope for now' });
    expect(expectOk(await world.services.plans.reject(task.id, 1, 'Out of scope for now')).decision).toEqual(rejected.decision);
    expect(await world.services.plans.approve(task.id, 1)).toMatchObject({ ok: false, error: { code: 'PLAN_NOT_PROPOSED', message: 'v1 was already rejected.' } });
    expect(world.services.plans.requireApprovedPlan(task.id, 1)).toMatchObject(refusal('Plan v1 was rejected.'));
  });

  it('refuses a version superseded before anyone decided, and a decision on it says by which', async () => {
    const world = await agentWorld();
    const task = await planAtGate(world);
    await agentSubmitsAgain(world, task.id, 2);
    expect(expectOk(world.services.plans.get(task.id, 1)).status).toBe('superseded');
    expect(world.services.plans.requireApprovedPlan(task.id, 1)).toMatchObject(refusal('Plan v1 was superseded by v2.'));
    expect(await world.services.plans.approve(task.id, 1)).toMatchObject({ ok: false, error: { code: 'PLAN_NOT_PROPOSED', message: 'v1 was superseded by v2.' } });
  });

  it('refuses an approved version once the agent has submitted a newer one, and a plain message never un-approves it', async () => {
    const world = await agentWorld();
    const task = await planAtGate(world);
    expectOk(await world.services.plans.approve(task.id, 1));
    expectOk(world.services.plans.requireApprovedPlan(task.id, 1));

    // "Keep planning": a plain message to the approved plan's task, and the agent submits v2.
    await agentSubmitsAgain(world, task.id, 2, 'Keep planning: what about the footer?');
    expect(expectOk(world.services.plans.get(task.id, 1)).status).toBe('approved');
    expect(expectOk(world.services.plans.get(task.id, 2)).status).toBe('proposed');
    // Implementation from v1 is refused: it is no longer the plan.
    expect(world.services.plans.requireApprovedPlan(task.id, 1)).toMatchObject(
      refusal('Plan v1 was approved, but v2 was submitted after it; only the latest version can be implemented, once it is approved.'),
    );
    expect(world.services.plans.requireApprovedPlan(task.id, 2)).toMatchObject(refusal(/^Plan v2 has not been approved/));
  });

  it('passes a version the user edited and approved in one step, refuses the agent’s version it replaced, and tells the agent', async () => {
    const world = await agentWorld();
    const task = await planAtGate(world);
    const edited = { ...samplePlan(), title: 'Group the navigation into sections' };

    const invalid = await world.services.plans.edit(task.id, 1, { ...edited, steps: [{ ...samplePlan().steps[0], id: 'step one' }] }, true);
    expect(invalid).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { issues: [{ path: ['steps', 0, 'id'], message: 'step ids are S1, S2, … (S and a number)' }] } } });
    expect(await world.services.plans.edit(task.id, 1, samplePlan(), false)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'The edit changes nothing: it is the same plan as v1.' } });

    const v2 = expectOk(await world.services.plans.edit(task.id, 1, edited, true));
    expect(v2).toMatchObject({ version: 2, author: 'user', status: 'approved', plan: { title: 'Group the navigation into sections' } });
    // Clicked twice: the same version, not a third one.
    expect(expectOk(await world.services.plans.edit(task.id, 1, edited, true)).version).toBe(2);
    expect(expectOk(world.services.plans.list(task.id)).map((version) => version.status)).toEqual(['superseded', 'approved']);
    expect(world.task(task.id).agent).toMatchObject({ status: 'done', statusReason: 'Plan v2 approved' });
    expect(expectOk(world.services.plans.requireApprovedPlan(task.id, 2)).author).toBe('user');
    expect(world.services.plans.requireApprovedPlan(task.id, 1)).toMatchObject(refusal('Plan v1 was superseded by v2.'));

    // The agent's context learns of the user's version with the next message.
    world.server.enqueue({ text: 'Understood.' });
    expectOk(await world.services.agents.send(task.id, 'Anything to add?'));
    await world.server.waitForRequests(2);
    const request = JSON.stringify(world.server.requests[1]?.body);
    expect(request).toContain('my version v2 replaces the earlier ones');
    expect(request).toContain('# Group the navigation into sections');
  });

  it('refuses a version that does not exist, a task that is not a plan task, and a task without a plan', async () => {
    const world = await agentWorld();
    const task = await planAtGate(world);
    expect(world.services.plans.requireApprovedPlan(task.id, 9)).toMatchObject(refusal('There is no plan v9: the latest is v1.'));
    world.server.enqueue({ text: 'Nothing to plan.' }, { text: 'Hello.' });
    const implement = await world.createTask('Implement', 'Say hello');
    expect(world.services.plans.requireApprovedPlan(implement.id, 1)).toMatchObject(refusal('"Implement" is not a plan task: only an approved plan can be implemented.'));
    const empty = await world.createTask('Empty plan', '', 'plan');
    expect(world.services.plans.requireApprovedPlan(empty.id, 1)).toMatchObject(refusal('"Empty plan" has no plan yet.'));
  });
});
