import { describe, expect, it, onTestFinished, vi } from 'vitest';
import type { BackgroundService } from '../../../src-shared/contract';
import { machineCommandIsolation } from '../sandbox/detect-isolation';
import { uniqueSleep } from '../testing/host-processes';
import { openWorkspace } from '../testing/tool-server-fixture';
import { BackgroundServices, maxRunningPerTask } from './background-services';

const until = { timeout: 10_000, interval: 20 };

/** A registry as the host has one, recording what the UI would be told. */
function registry() {
  const changes: { taskId: string; services: BackgroundService[] }[] = [];
  const services = new BackgroundServices({ isolation: machineCommandIsolation(), onChange: (taskId, list) => changes.push({ taskId, services: list }), outputNoticeMs: 20 });
  onTestFinished(() => services.close());
  return { services, changes };
}

describe('long-lived services', () => {
  it('keep running after the call and the agent turn, are listed with their output, and stop_service stops all they started', async () => {
    const sleep = uniqueSleep();
    const { services, changes } = registry();
    const first = await openWorkspace({ server: { services: services.forTask('task-a') } });
    const reply = await first.call('start_service', {
      command: `(setsid sh -c '${sleep.command}' &); echo "listening on 5173"; while :; do echo tick; sleep 0.05; done`,
      name: 'dev server',
      ready_text: 'listening on',
    });
    expect(reply.isError).toBe(false);
    expect(reply.text).toMatch(/^service-\d+ is running \(pid \d+\); "listening on" appeared in its output\./);
    const id = /^(service-\d+)/.exec(reply.text)![1]!;
    await sleep.waitUntilRunning(1);

    // The agent's turn ends: its tool server closes. The service goes on printing.
    await first.client.close();
    const ticks = () => (services.list('task-a')[0]?.recentOutput.match(/tick/g) ?? []).length;
    const before = ticks();
    await vi.waitFor(() => expect(ticks()).toBeGreaterThan(before + 3), until);
    expect(sleep.running()).toHaveLength(1);
    expect(services.list('task-a')).toMatchObject([{ id, taskId: 'task-a', name: 'dev server', state: 'running', exitCode: null, pid: expect.any(Number) }]);
    expect(changes.some((change) => change.taskId === 'task-a' && change.services[0]?.state === 'running')).toBe(true);

    // The next turn sees it, and stops it.
    const next = await openWorkspace({ server: { services: services.forTask('task-a') } });
    const listed = await next.call('list_services');
    expect(listed.text).toContain(`${id} "dev server" (running, pid`);
    expect(listed.text).toContain('tick');
    expect(await next.call('stop_service', { id })).toEqual({ isError: false, text: `Stopped ${id} (dev server) and everything it started.` });
    await sleep.expectAllGone();
    expect(services.list('task-a')).toEqual([]);
    expect(changes.at(-1)).toEqual({ taskId: 'task-a', services: [] });
  });

  it('reports a service that ends at once with its exit code, and keeps it listed as exited', async () => {
    const { services } = registry();
    const { call } = await openWorkspace({ server: { services: services.forTask('task-b') } });
    const reply = await call('start_service', { command: 'echo "port 5173 is in use" >&2; exit 4', ready_text: 'ready' });
    expect(reply.isError).toBe(true);
    expect(reply.text).toMatch(/^service-\d+ ended at once \(exit code 4\); it is listed as exited\./);
    expect(reply.text).toContain('port 5173 is in use');
    expect(services.list('task-b')).toMatchObject([{ state: 'exited', exitCode: 4 }]);
    const id = services.list('task-b')[0]!.id;
    expect((await call('list_services')).text).toContain(`${id} "echo "port 5173 is in use" >&2; exit 4" (exit code 4`);
    expect((await call('stop_service', { id })).text).toBe(`${id} had already ended (exit code 4); it is off the list now.`);
    expect(services.list('task-b')).toEqual([]);
    expect(await call('stop_service', { id })).toEqual({ isError: true, text: `There is no ${id}. This task has no services.` });
  });

  it('stops the service when the call is cancelled while waiting for it to be ready', async () => {
    const sleep = uniqueSleep();
    const { services } = registry();
    const { call } = await openWorkspace({ server: { services: services.forTask('task-c') } });
    const controller = new AbortController();
    const pending = call('start_service', { command: sleep.command, ready_text: 'never printed', wait_ms: 60_000 }, { signal: controller.signal }).catch((error: unknown) => error);
    await sleep.waitUntilRunning(1);
    controller.abort();
    await pending;
    await sleep.expectAllGone();
    await vi.waitFor(() => expect(services.list('task-c')).toEqual([]), until);
  });

  it('stopping a task stops its services and all they started; closing stops the rest and refuses new ones', async () => {
    const mine = uniqueSleep();
    const other = uniqueSleep();
    const { services } = registry();
    const a = await openWorkspace({ server: { services: services.forTask('task-d') } });
    const b = await openWorkspace({ server: { services: services.forTask('task-e') } });
    await a.call('start_service', { command: `(setsid sh -c '${mine.command}' &); ${mine.command}`, wait_ms: 0 });
    await b.call('start_service', { command: other.command, wait_ms: 0 });
    await mine.waitUntilRunning(2);
    await other.waitUntilRunning(1);

    await services.stopTask('task-d');
    await mine.expectAllGone();
    expect(other.running()).toHaveLength(1);
    expect(services.list('task-d')).toEqual([]);

    await services.close();
    await other.expectAllGone();
    const refused = await b.call('start_service', { command: other.command });
    expect(refused).toEqual({ isError: true, text: 'Braid is shutting down; no new services start.' });
  });

  it(`refuses more than ${maxRunningPerTask} running services per task`, async () => {
    const sleep = uniqueSleep();
    const { services } = registry();
    const { call } = await openWorkspace({ server: { services: services.forTask('task-f') } });
    for (let index = 0; index < maxRunningPerTask; index++) expect((await call('start_service', { command: sleep.command, wait_ms: 0 })).isError).toBe(false);
    const refused = await call('start_service', { command: sleep.command, wait_ms: 0 });
    expect(refused.isError).toBe(true);
    expect(refused.text).toMatch(/^This task already runs 8 services \(service-\d+(, service-\d+){7}\); stop one first\.$/);
  });
});
