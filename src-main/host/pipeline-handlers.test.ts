import { afterEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../src-shared/contract';
import { createRepo, makeTempDir } from '../testing/git-fixtures';
import { createHost, type Host } from './create-host';

let host: Host | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

describe('pipelines over the contract', () => {
  it('refuses a blank goal, a malformed model and unknown fields before any handler runs; unknown projects, pipelines and tasks are NOT_FOUND; a base branch that does not exist stores nothing', async () => {
    host = await createHost({ dataDir: makeTempDir('braid-pipeline-host-'), mode: 'web', version: 'test', production: false, env: {} });
    const pushed: EventName[] = [];
    host.subscribe((event) => pushed.push(event));
    const project = (await host.dispatch('projects.add', { path: createRepo().path })) as { ok: true; data: { id: string } };
    const projectId = project.data.id;

    expect(await host.dispatch('pipelines.create', { projectId, goal: '   ' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('say what the pipeline should achieve') } });
    expect(await host.dispatch('pipelines.create', { projectId, goal: 'Ship it', models: { plan: 'no-provider' } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('a model is written <provider>:<model>') },
    });
    expect(await host.dispatch('pipelines.create', { projectId, goal: 'Ship it', gates: 'none' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await host.dispatch('pipelines.create', { projectId: 'abcdefghij', goal: 'Ship it' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await host.dispatch('pipelines.create', { projectId, goal: 'Ship it', baseBranch: 'nope' })).toMatchObject({ ok: false, error: { code: 'BRANCH_NOT_FOUND' } });
    expect(await host.dispatch('pipelines.list', { projectId })).toEqual({ ok: true, data: [] });
    expect(await host.dispatch('pipelines.list', { projectId: 'abcdefghij' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await host.dispatch('pipelines.get', { pipelineId: 'abcdefghij' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await host.dispatch('pipelines.runCheck', { taskId: 'abcdefghij' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(pushed).not.toContain('pipelines.changed');
  });

  it('creates a pipeline with its plan task, tells the UI, and lists it', async () => {
    host = await createHost({ dataDir: makeTempDir('braid-pipeline-host-'), mode: 'web', version: 'test', production: false, env: {} });
    const pushed: { event: EventName; payload: unknown }[] = [];
    host.subscribe((event, payload) => pushed.push({ event, payload }));
    const project = (await host.dispatch('projects.add', { path: createRepo().path })) as { ok: true; data: { id: string } };
    const created = await host.dispatch('pipelines.create', { projectId: project.data.id, goal: 'Add a dark theme to the settings page, with a switch that remembers the choice per user' });
    expect(created).toMatchObject({
      ok: true,
      data: {
        pipeline: { title: 'Add a dark theme to the settings page, with a switch that remembers the choice…', models: { plan: null, implement: null, review: null } },
        stage: 'plan',
        plan: { title: 'Plan: Add a dark theme to the settings page, with a switch that remembers the choice…', createdBy: 'user', versions: [], gate: 'No plan yet.' },
        settings: { reviewGate: 'warn', autoReview: true, checkCommand: null },
      },
    });
    const pipelineId = (created as { ok: true; data: { pipeline: { id: string } } }).data.pipeline.id;
    expect(pushed).toContainEqual({ event: 'pipelines.changed', payload: { projectId: project.data.id, pipelineId } });
    expect(await host.dispatch('pipelines.list', { projectId: project.data.id })).toMatchObject({ ok: true, data: [{ id: pipelineId, stage: 'plan' }] });
  });
});
