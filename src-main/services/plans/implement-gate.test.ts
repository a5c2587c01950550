import { describe, expect, it, vi } from 'vitest';
import type { Task } from '../../../src-shared/contract';
import { openStore } from '../store/store';
import { revisedSamplePlan, samplePlan, submitPlanTurn } from '../../testing/sample-plan';
import { agentWorld } from '../testing/agent-fixture';
import { approvedPlanTask } from '../testing/implement-fixture';
import { expectOk } from '../testing/services-fixture';

type World = Awaited<ReturnType<typeof agentWorld>>;

/** A plan task whose agent has submitted v1 and stopped at the gate. */
async function planAtGate(world: World, title: string) {
  world.server.enqueue(submitPlanTurn(samplePlan()));
  const task = await world.createTask(title, 'Plan grouping the navigation', 'plan');
  await world.waitForStatus(task.id, 'plan_review');
  return task;
}

const refused = (message: string) => ({ ok: false, error: { code: 'PLAN_NOT_APPROVED', message } });
const implementTasks = (world: World) => expectOk(world.services.tasks.list(world.project.id)).filter((task) => task.role === 'implement');

describe('plans.implement is behind the plan gate', () => {
  it('refuses a version that is proposed, has changes requested, was rejected, superseded, or approved but no longer the latest; nothing is created', async () => {
    const world = await agentWorld();
    const { plans, agents } = world.services;

    const proposed = await planAtGate(world, 'Proposed');
    expect(await plans.implement({ taskId: proposed.id, version: 1 })).toMatchObject(refused('Plan v1 has not been approved: it is waiting for a decision.'));

    const changed = await planAtGate(world, 'Changes requested');
    world.server.enqueue({ text: 'I will think about it.' });
    expectOk(await plans.requestChanges(changed.id, 1, 'Add tests.', []));
    await world.waitForStatus(changed.id, 'done');
    expect(await plans.implement({ taskId: changed.id, version: 1 })).toMatchObject(refused('Changes were requested on plan v1; the agent has not submitted the revised version yet.'));

    const rejected = await planAtGate(world, 'Rejected');
    expectOk(await plans.reject(rejected.id, 1, 'Out of scope'));
    expect(await plans.implement({ taskId: rejected.id, version: 1 })).toMatchObject(refused('Plan v1 was rejected.'));

    const superseded = await planAtGate(world, 'Superseded');
    expectOk(await plans.edit(superseded.id, 1, revisedSamplePlan(), false));
    expect(await plans.implement({ taskId: superseded.id, version: 1 })).toMatchObject(refused('Plan v1 was superseded by v2.'));
    expect(await plans.implement({ taskId: superseded.id, version: 2 })).toMatchObject(refused('Plan v2 has not been approved: it is waiting for a decision.'));

    // Approved, then the agent "keeps planning" after a plain message: v1 is no longer the plan.
    const { planTask: stale } = await approvedPlanTask(world);
    world.server.enqueue(submitPlanTurn(revisedSamplePlan()));
    expectOk(await agents.send(stale.id, 'Also plan the footer.'));
    await vi.waitFor(() => expect(world.task(stale.id).agent.statusReason).toBe('Plan v2 awaits approval'), { timeout: 15_000 });
    expect(await plans.implement({ taskId: stale.id, version: 1 })).toMatchObject(
      refused('Plan v1 was approved, but v2 was submitted after it; only the latest version can be implemented, once it is approved.'),
    );
    expect(await plans.implement({ taskId: stale.id, version: 7 })).toMatchObject(refused('There is no plan v7: the latest is v2.'));

    // Not a plan task at all: an implement task cannot be "implemented" into more pinned tasks.
    const plain = await world.createTask('Just code', '');
    expect(await plans.implement({ taskId: plain.id, version: 1 })).toMatchObject(refused('"Just code" is not a plan task: only an approved plan can be implemented.'));

    expect(implementTasks(world).map((task) => task.id)).toEqual([plain.id]);
    expect(world.recorder.of('plans.progressChanged')).toEqual([]);
  });

  it('refuses assignments that miss, repeat or invent a step, or name a model that does not resolve; nothing is created', async () => {
    const world = await agentWorld();
    const { planTask } = await approvedPlanTask(world, revisedSamplePlan());
    const implement = (assignments: { stepIds: string[]; model?: string; title?: string }[]) => world.services.plans.implement({ taskId: planTask.id, version: 1, assignments });
    const invalid = (message: string) => ({ ok: false, error: { code: 'INVALID_INPUT', message: `The steps of plan v1 cannot be implemented like this: ${message}.` } });

    expect(await implement([{ stepIds: ['S1', 'S2'] }])).toMatchObject(invalid('assignments: S3 is not assigned to any task'));
    expect(await implement([{ stepIds: ['S1', 'S2'] }, { stepIds: ['S3', 'S2'] }])).toMatchObject(
      invalid('assignments[1].stepIds[1]: S2 is assigned to task 1 and to task 2; each step goes to one task'),
    );
    expect(await implement([{ stepIds: ['S1', 'S2', 'S3', 'S4'] }])).toMatchObject(invalid('assignments[0].stepIds[3]: S4 is not a step of this plan (its steps: S1, S2, S3)'));
    expect(await implement([])).toMatchObject(invalid('assignments: give at least one task'));
    const issues = await implement([{ stepIds: ['S1'] }, { stepIds: ['S1', 'S9'] }]);
    expect(issues.ok ? null : issues.error.details).toEqual({
      issues: [
        { path: ['assignments', 1, 'stepIds', 0], message: 'S1 is assigned to task 1 and to task 2; each step goes to one task' },
        { path: ['assignments', 1, 'stepIds', 1], message: 'S9 is not a step of this plan (its steps: S1, S2, S3)' },
        { path: ['assignments'], message: 'S2, S3 are not assigned to any task' },
      ],
    });
    expect(await implement([{ stepIds: ['S1', 'S3'] }, { stepIds: ['S2'], model: 'nosuchprovider:model' }])).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^Task 2 \(nosuchprovider:model\): /), details: { issues: [{ path: ['assignments', 1, 'model'] }] } },
    });
    expect(implementTasks(world)).toEqual([]);
    expect(world.recorder.of('plans.progressChanged')).toEqual([]);
  });

  it('an implement task inherits the plan task’s pipeline and, unless one is picked, the pipeline’s implement model', async () => {
    const world = await agentWorld();
    const { planTask } = await approvedPlanTask(world);
    world.server.script(() => ({ text: 'Done.' }));
    // The plan task is a stage of a pipeline (pipelines are made elsewhere; written into the same database here).
    const store = openStore(world.dataDir);
    store.pipelines.insert({ id: 'pipe000001', projectId: world.project.id, title: 'Navigation', goal: 'Group it', models: { plan: null, implement: 'openai:gpt-4o', review: null }, createdAt: 1 });
    store.db.prepare('UPDATE task SET pipeline_id = ? WHERE id = ?').run('pipe000001', planTask.id);
    store.close();

    // Sent twice at once (a double click): one set of tasks, the same answer to both.
    const input = { taskId: planTask.id, version: 1, assignments: [{ stepIds: ['S1'] }, { stepIds: ['S2'], model: 'openai:gpt-4o-mini' }] };
    const [created, again] = (await Promise.all([world.services.plans.implement(input), world.services.plans.implement({ ...input })])).map(expectOk) as [Task[], Task[]];
    expect(again.map((task) => task.id)).toEqual(created.map((task) => task.id));
    expect(implementTasks(world)).toHaveLength(2);
    expect(created.map((task) => [task.pipelineId, task.agent.model])).toEqual([
      ['pipe000001', 'openai:gpt-4o'],
      ['pipe000001', 'openai:gpt-4o-mini'],
    ]);
    expect(created.map((task) => task.prompt)).toEqual([
      'Implement step S1 of the approved plan "Group the navigation" (v1):\n- S1. Group the items\n\nThe whole plan and your checklist are in your instructions. Mark each step with update_step as you go.',
      'Implement step S2 of the approved plan "Group the navigation" (v1):\n- S2. Mobile menu\n\nThe whole plan and your checklist are in your instructions. Mark each step with update_step as you go.',
    ]);
    const trail = expectOk(world.services.audit.list({ projectId: world.project.id, pipelineId: 'pipe000001', limit: 50 })).entries;
    expect(trail.find((entry) => entry.type === 'plan.implemented')?.payload).toMatchObject({
      version: 1,
      baseBranch: 'main',
      tasks: created.map((task) => ({ taskId: task.id, title: task.title, stepIds: task.planPin?.stepIds, model: task.agent.model })),
    });
  });
});
