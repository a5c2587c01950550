import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventName, PlanVersion, Project, Task } from '../../src-shared/contract';
import { modelEnv } from '../services/testing/agent-fixture';
import { createRepo, makeTempDir } from '../testing/git-fixtures';
import { samplePlan, submitPlanTurn } from '../testing/sample-plan';
import { startScriptedModelServer, type ScriptedModelServer } from '../testing/scripted-model-server';
import { createHost, type Host } from './create-host';

let host: Host | undefined;
let server: ScriptedModelServer | undefined;
afterEach(async () => {
  await host?.close();
  await server?.close();
  host = undefined;
  server = undefined;
});

/** A host whose plan task has submitted v1 and waits at the gate; the events it pushed. */
async function planAtGate() {
  server = await startScriptedModelServer({ apiKey: 'sk-test' });
  server.enqueue(submitPlanTurn(samplePlan()));
  host = await createHost({ dataDir: makeTempDir('braid-plan-host-'), mode: 'web', version: 'test', production: false, env: modelEnv(server, 'openai') });
  const pushed: { event: EventName; payload: unknown }[] = [];
  host.subscribe((event, payload) => pushed.push({ event, payload }));
  const project = (await host.dispatch('projects.add', { path: createRepo().path })) as { ok: true; data: Project };
  const created = (await host.dispatch('tasks.create', { projectId: project.data.id, title: 'Plan it', prompt: 'Plan the navigation', role: 'plan' })) as { ok: true; data: Task };
  const taskId = created.data.id;
  await vi.waitFor(
    async () => {
      const listed = (await host!.dispatch('tasks.list', { projectId: project.data.id })) as { ok: true; data: Task[] };
      expect(listed.data.find((task) => task.id === taskId)?.agent.status).toBe('plan_review');
    },
    { timeout: 15_000, interval: 20 },
  );
  return { host: host!, taskId, projectId: project.data.id, pushed };
}

describe('plans over the contract', () => {
  it('lists the versions, pushes plans.changed, and refuses what the schemas refuse before any handler runs', async () => {
    const { host, taskId, projectId, pushed } = await planAtGate();
    // Outputs are validated outside production: a version that does not fit the contract would be INTERNAL.
    const listed = (await host.dispatch('plans.list', { taskId })) as { ok: true; data: PlanVersion[] };
    expect(listed.data.map((version) => [version.version, version.status, version.author])).toEqual([[1, 'proposed', 'agent']]);
    expect(pushed.filter((entry) => entry.event === 'plans.changed').map((entry) => entry.payload)).toEqual([
      { projectId, taskId, version: 1, status: 'proposed', title: 'Group the navigation' },
    ]);
    expect(await host.dispatch('plans.diff', { taskId, from: 1, to: 1 })).toEqual({ ok: true, data: { from: 1, to: 1, text: '', added: 0, removed: 0 } });

    expect(await host.dispatch('plans.requestChanges', { taskId, version: 1 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'say what to change: a message or at least one comment' },
    });
    expect(await host.dispatch('plans.requestChanges', { taskId, version: 1, comments: [{ target: 'X1', text: 'hm' }] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await host.dispatch('plans.reject', { taskId, version: 1, reason: '   ' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'reason: give a reason' } });
    expect(await host.dispatch('agent.answer', { taskId, callId: 'c1', answer: ' ' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'answer: the answer is empty' } });
    expect(await host.dispatch('agent.answer', { taskId, callId: 'c1', answer: 'Yes' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // The plan itself is the host's to validate: each problem comes back with its path.
    expect(await host.dispatch('plans.edit', { taskId, baseVersion: 1, plan: { ...samplePlan(), acceptanceCriteria: [] } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', details: { issues: [{ path: ['acceptanceCriteria'], message: 'a plan needs at least one acceptance criterion' }] } },
    });

    expect(await host.dispatch('plans.approve', { taskId, version: 1 })).toMatchObject({ ok: true, data: { status: 'approved' } });
    expect(pushed.filter((entry) => entry.event === 'plans.changed').at(-1)?.payload).toMatchObject({ version: 1, status: 'approved' });
  });

  it('keeps a project’s pipeline settings, changing only the fields given', async () => {
    const { host, projectId } = await planAtGate();
    expect(await host.dispatch('projects.pipelineSettings.get', { projectId })).toEqual({
      ok: true,
      data: { reviewGate: 'warn', autoReview: true, checkCommand: null, plansDir: 'docs/plans' },
    });
    expect(await host.dispatch('projects.pipelineSettings.set', { projectId, settings: { plansDir: 'specs' } })).toMatchObject({ ok: true, data: { plansDir: 'specs', reviewGate: 'warn' } });
    expect(await host.dispatch('projects.pipelineSettings.get', { projectId })).toMatchObject({ ok: true, data: { plansDir: 'specs' } });
    expect(await host.dispatch('projects.pipelineSettings.get', { projectId: 'nosuchproject' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
  it('implements over the contract: only from an approved version, the tasks checked on the way out, progress pushed; tasks.create cannot pin a task', async () => {
    const { host, taskId, projectId, pushed } = await planAtGate();
    expect(await host.dispatch('plans.implement', { taskId, version: 1 })).toMatchObject({ ok: false, error: { code: 'PLAN_NOT_APPROVED' } });
    expect(await host.dispatch('tasks.create', { projectId, title: 'Sneaky', planPin: { planTaskId: taskId, version: 1, stepIds: ['S1'] } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    await host.dispatch('plans.approve', { taskId, version: 1 });
    expect(await host.dispatch('plans.implement', { taskId, version: 1, assignments: [] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'assignments: give at least one task' } });
    expect(await host.dispatch('plans.implement', { taskId, version: 1, assignments: [{ stepIds: ['S1', 'S2'], model: 'no model' }] })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('assignments.0.model: a model is written <provider>:<model>') },
    });

    server!.script(() => ({ text: 'Done.' }));
    const created = (await host.dispatch('plans.implement', { taskId, version: 1 })) as { ok: true; data: Task[] };
    expect(created.data.map((task) => task.planPin?.stepIds)).toEqual([['S1'], ['S2']]);
    const taskIds = created.data.map((task) => task.id);
    expect(pushed.filter((entry) => entry.event === 'plans.progressChanged').map((entry) => entry.payload)).toEqual([{ projectId, planTaskId: taskId, taskIds }]);
    expect(await host.dispatch('plans.progress', { taskId, version: 1 })).toMatchObject({ ok: true, data: { planTaskId: taskId, tasks: [{ taskId: taskIds[0] }, { taskId: taskIds[1] }] } });
    await vi.waitFor(async () => {
      const summary = await host.dispatch('plans.implementSummary', { taskId: taskIds[0]! });
      expect(summary).toMatchObject({ ok: true, data: { readyForReview: true, steps: [{ stepId: 'S1', status: 'pending' }], files: [], unplanned: [] } });
    }, { timeout: 15_000, interval: 20 });
    expect(await host.dispatch('plans.implementSummary', { taskId })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '"Plan it" does not implement a plan: only tasks started with Implement on an approved plan have one.' } });
  });
});
