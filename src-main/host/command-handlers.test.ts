import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BackgroundService, EventPayload, Task, TimelineEvent } from '../../src-shared/contract';
import { modelEnv } from '../services/testing/agent-fixture';
import { uniqueSleep } from '../services/testing/host-processes';
import { detectCommandIsolation } from '../services/sandbox/detect-isolation';
import { createRepo, makeTempDir } from '../testing/git-fixtures';
import { startScriptedModelServer, type ScriptedModelServer } from '../testing/scripted-model-server';
import { createHost, type Host } from './create-host';

const until = { timeout: 15_000, interval: 20 };
let host: Host | undefined;
let server: ScriptedModelServer | undefined;
afterEach(async () => {
  await host?.close();
  await server?.close();
  host = undefined;
  server = undefined;
});

function data<T>(result: { ok: boolean; data?: unknown; error?: { message: string } }): T {
  if (!result.ok) throw new Error(result.error?.message);
  return result.data as T;
}

describe('commands over the contract', () => {
  it('lists the service an agent started, pushes changes, and stops it with everything it started', async () => {
    const sleep = uniqueSleep();
    server = await startScriptedModelServer({ apiKey: 'sk-test' });
    server.enqueue(
      { toolCalls: [{ id: 'serve', name: 'start_service', args: { command: `(setsid sh -c '${sleep.command}' &); echo ready; ${sleep.command}`, name: 'web', ready_text: 'ready' } }] },
      { text: 'Serving.' },
    );
    host = await createHost({ dataDir: makeTempDir('braid-commands-host-'), mode: 'web', version: 'test', production: false, env: modelEnv(server, 'openai'), log: () => {} });
    const pushed: EventPayload<'commands.servicesChanged'>[] = [];
    host.subscribe((event, payload) => {
      if (event === 'commands.servicesChanged') pushed.push(payload as EventPayload<'commands.servicesChanged'>);
    });
    const repo = createRepo();
    const project = data<{ id: string }>(await host.dispatch('projects.add', { path: repo.path }));
    const task = data<Task>(await host.dispatch('tasks.create', { projectId: project.id, title: 'Serve', prompt: 'Start it' }));
    await vi.waitFor(async () => {
      const events = data<{ events: TimelineEvent[] }>(await host!.dispatch('agent.history', { taskId: task.id })).events;
      expect(events.some((event) => event.kind === 'approval_request')).toBe(true);
    }, until);
    data(await host.dispatch('agent.decide', { taskId: task.id, callId: 'serve', approved: true }));
    await sleep.waitUntilRunning(2);

    const listed = await vi.waitFor(async () => {
      const services = data<BackgroundService[]>(await host!.dispatch('commands.services', { taskId: task.id }));
      expect(services).toMatchObject([{ name: 'web', state: 'running', recentOutput: expect.stringContaining('ready') }]);
      return services;
    }, until);
    expect(pushed.some((change) => change.taskId === task.id && change.services[0]?.id === listed[0]!.id)).toBe(true);

    expect(await host.dispatch('commands.stopService', { taskId: task.id, serviceId: listed[0]!.id })).toEqual({ ok: true, data: { stopped: true } });
    await sleep.expectAllGone();
    expect(await host.dispatch('commands.services', { taskId: task.id })).toEqual({ ok: true, data: [] });
    expect(pushed.at(-1)).toEqual({ taskId: task.id, services: [] });

    expect(await host.dispatch('commands.stopService', { taskId: task.id, serviceId: listed[0]!.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await host.dispatch('commands.stopService', { taskId: task.id, serviceId: '../etc' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('says how commands are isolated on this machine', async () => {
    host = await createHost({ dataDir: makeTempDir('braid-commands-host-'), mode: 'web', version: 'test', production: false, env: {}, log: () => {} });
    const expected = await detectCommandIsolation({ setting: process.env.BRAID_COMMAND_ISOLATION });
    expect(await host.dispatch('commands.isolation', {})).toEqual({
      ok: true,
      data: { kind: expected.kind, pidNamespace: expected.capabilities.pidNamespace, limitation: expected.limitation },
    });
  });
});
