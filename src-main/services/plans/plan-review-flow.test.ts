import { describe, expect, it, vi } from 'vitest';
import type { EventName, EventPayload, Result } from '../../../src-shared/contract';
import { revisedSamplePlan, samplePlan, submitPlanTurn } from '../../testing/sample-plan';
import { agentWorld } from '../testing/agent-fixture';
import { expectOk } from '../testing/services-fixture';

type RequestBody = { messages: { role: string; content: unknown }[]; tools: { function: { name: string } }[] };
const bodyOf = (world: Awaited<ReturnType<typeof agentWorld>>, index: number) => world.server.requests[index]?.body as RequestBody;
const lastUserText = (body: RequestBody) => JSON.stringify(body.messages.filter((message) => message.role === 'user').at(-1)?.content ?? '');

describe('a plan task at the approval gate', () => {
  it('v1 → changes requested with a comment on a step → the agent revises into v2 → approved', async () => {
    const world = await agentWorld();
    const { plans } = world.services;
    world.server.enqueue(submitPlanTurn(samplePlan(), 'submit-1'));
    const task = await world.createTask('Plan the navigation', 'Plan grouping the navigation', 'plan');

    // The run ends at the gate with the version stored (JSON, Markdown, hash) and announced.
    const waiting = await world.waitForStatus(task.id, 'plan_review');
    expect(waiting.agent.statusReason).toBe('Plan v1 awaits approval');
    const [v1] = expectOk(plans.list(task.id));
    expect(v1).toMatchObject({ version: 1, author: 'agent', status: 'proposed', decision: null, plan: { title: 'Group the navigation' } });
    expect(v1?.markdown).toContain('### S2. Mobile menu');
    expect(v1?.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(world.recorder.of('plans.changed')).toEqual([{ projectId: world.project.id, taskId: task.id, version: 1, status: 'proposed', title: 'Group the navigation' }]);
    const submitted = world.timeline(task.id).find((event) => event.kind === 'tool_result');
    expect(submitted).toMatchObject({ isError: false, text: expect.stringContaining('Plan v1 submitted') });

    // Going on from the gate is a decision on the plan, not a Resume.
    expect(await world.services.agents.resume(task.id)).toMatchObject({ ok: false, error: { code: 'BUSY', message: expect.stringContaining('Plan v1 awaits approval: approve it, request changes or reject it') } });

    world.server.enqueue(submitPlanTurn(revisedSamplePlan(), 'submit-2'));
    const requested = expectOk(
      await plans.requestChanges(task.id, 1, 'Use a drawer, not a collapsible menu.', [{ target: 'S2', text: 'It should slide in from the left.' }]),
    );
    expect(requested).toMatchObject({ delivery: 'started', version: { status: 'changes_requested', decision: { kind: 'changes_requested', message: 'Use a drawer, not a collapsible menu.' } } });

    await vi.waitFor(() => expect(world.task(task.id).agent).toMatchObject({ status: 'plan_review', statusReason: 'Plan v2 awaits approval' }), { timeout: 15_000 });
    // The agent's next request carried the message and the comment under a quote of the step it targets.
    const feedback = lastUserText(bodyOf(world, 1));
    expect(feedback).toContain('Use a drawer, not a collapsible menu.');
    expect(feedback).toContain('On step S2:\\n> S2. Mobile menu\\n> Show the groups as a collapsible menu.\\nIt should slide in from the left.');
    expect(expectOk(plans.list(task.id)).map((version) => [version.version, version.status])).toEqual([
      [1, 'changes_requested'],
      [2, 'proposed'],
    ]);
    expect(expectOk(plans.diff(task.id, 1, 2)).text).toContain('\n+### S2. Mobile drawer\n');

    const approved = expectOk(await plans.approve(task.id, 2));
    expect(approved).toMatchObject({ version: 2, status: 'approved', decision: { kind: 'approved' } });
    expect(world.task(task.id).agent).toMatchObject({ status: 'done', statusReason: 'Plan v2 approved' });
    // A double click changes nothing: the same decision, at the same time.
    expect(expectOk(await plans.approve(task.id, 2)).decision).toEqual(approved.decision);
    expect(world.recorder.of('plans.changed').map((event) => [event.version, event.status])).toEqual([
      [1, 'proposed'],
      [1, 'changes_requested'],
      [2, 'proposed'],
      [2, 'approved'],
    ]);
    expect(world.timeline(task.id).filter((event) => event.kind === 'plan_decision').map((event) => event.kind === 'plan_decision' && event.decision)).toEqual([
      'changes_requested',
      'approved',
    ]);

    // Only the approved latest version passes the gate; deciding on the old one says why not.
    expect(expectOk(plans.requireApprovedPlan(task.id, 2)).version).toBe(2);
    expect(plans.requireApprovedPlan(task.id, 1)).toMatchObject({ ok: false, error: { code: 'PLAN_NOT_APPROVED' } });
    expect(await plans.approve(task.id, 1)).toMatchObject({ ok: false, error: { code: 'PLAN_NOT_PROPOSED', message: 'Changes were already requested on v1; the revised version is v2.' } });
    expect(world.server.requests).toHaveLength(2);
  });

  it('refuses feedback on a step the version does not have, and a change request it cannot deliver leaves the version waiting', async () => {
    const world = await agentWorld();
    const { plans } = world.services;
    world.server.enqueue(submitPlanTurn(samplePlan()));
    const task = await world.createTask('Plan', 'Plan it', 'plan');
    await world.waitForStatus(task.id, 'plan_review');

    expect(await plans.requestChanges(task.id, 1, '  ', [])).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'Say what to change: a message or at least one comment.' } });
    expect(await plans.requestChanges(task.id, 1, '', [{ target: 'S7', text: 'What is this?' }])).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'comments[0].target: S7 is not part of plan v1.' },
    });
    // Braid is shutting down: nothing can carry the feedback to the agent, so nothing is decided.
    await world.services.agents.close();
    expect(await plans.requestChanges(task.id, 1, 'Shorter, please.', [])).toMatchObject({ ok: false, error: { code: 'BUSY' } });
    expect(expectOk(plans.get(task.id, 1))).toMatchObject({ status: 'proposed', decision: null });
    expect(world.timeline(task.id).some((event) => event.kind === 'plan_decision')).toBe(false);
  });

  it('a decision taken while the run that submitted the plan is still ending is not lost: the change request reaches the agent, the approval leaves the task done', async () => {
    // The plan card shows as soon as the version is stored; the run then still closes its tools, makes its checkpoint and sets its status.
    const when: { decide: ((taskId: string) => Promise<Result<unknown>>) | null; decided: Promise<Result<unknown>> | null } = { decide: null, decided: null };
    const onEmit = (event: EventName, payload: unknown) => {
      if (event !== 'agent.timeline' || !when.decide) return;
      const { taskId, events } = payload as EventPayload<'agent.timeline'>;
      if (!events.some((item) => item.kind === 'tool_result' && item.text.startsWith('Plan v'))) return;
      when.decided = when.decide(taskId);
      when.decide = null;
    };
    const world = await agentWorld({ onEmit });
    const { plans } = world.services;
    const decision = async () => {
      await vi.waitFor(() => expect(when.decided).not.toBeNull(), { timeout: 15_000 });
      const result = await when.decided!;
      when.decided = null;
      return expectOk(result);
    };

    world.server.enqueue(submitPlanTurn(samplePlan()), submitPlanTurn(revisedSamplePlan()));
    when.decide = (taskId) => plans.requestChanges(taskId, 1, 'Use a drawer.', []);
    const task = await world.createTask('Plan', 'Plan it', 'plan');
    expect(await decision()).toMatchObject({ delivery: 'started', version: { status: 'changes_requested' } });
    await vi.waitFor(() => expect(world.task(task.id).agent).toMatchObject({ status: 'plan_review', statusReason: 'Plan v2 awaits approval' }), { timeout: 15_000 });
    expect(lastUserText(bodyOf(world, 1))).toContain('Use a drawer.');

    world.server.enqueue(submitPlanTurn(samplePlan({ title: 'Once more' })));
    when.decide = (taskId) => plans.approve(taskId, 3);
    expectOk(await world.services.agents.send(task.id, 'One more version, please.'));
    expect(await decision()).toMatchObject({ version: 3, status: 'approved' });
    await vi.waitFor(() => expect(world.task(task.id).agent).toMatchObject({ status: 'done', statusReason: 'Plan v3 approved' }), { timeout: 15_000 });
  });
});
