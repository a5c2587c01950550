import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { agentWorld } from '../testing/agent-fixture';
import { uniqueSleep } from '../testing/host-processes';
import { expectOk } from '../testing/services-fixture';

const until = { timeout: 15_000, interval: 20 };

/** A task whose agent starts one service (approved), then ends its turn. */
async function taskWithService() {
  const world = await agentWorld();
  const sleep = uniqueSleep();
  world.server.enqueue(
    { toolCalls: [{ id: 'serve', name: 'start_service', args: { command: `(setsid sh -c '${sleep.command}' &); echo up; ${sleep.command}`, name: 'api server', ready_text: 'up' } }] },
    { text: 'The server is up.' },
  );
  const task = await world.createTask('Serve', 'Start the server');
  const asked = await world.waitForEvent(task.id, 'approval_request');
  expect(asked.reason).toMatch(/^Starts a long-running command in the workspace that keeps running after this turn\. /);
  expectOk(world.services.agents.decide(task.id, 'serve', true, null));
  await world.waitForStatus(task.id, 'done');
  await sleep.waitUntilRunning(2);
  return { world, task, sleep };
}

describe('services started by agents', () => {
  it('outlive the turn, are listed on the task (and pushed), and go when the task is deleted', async () => {
    const { world, task, sleep } = await taskWithService();
    const listed = expectOk(world.services.commands.services(task.id));
    expect(listed).toMatchObject([{ taskId: task.id, name: 'api server', state: 'running', recentOutput: expect.stringContaining('up') }]);
    expect(world.recorder.of('commands.servicesChanged').some((change) => change.taskId === task.id && change.services.length === 1)).toBe(true);

    expectOk(await world.services.tasks.delete({ taskId: task.id, force: true, keepBranch: false }));
    await sleep.expectAllGone();
    expect(world.recorder.of('commands.servicesChanged').at(-1)).toEqual({ taskId: task.id, services: [] });
  });

  it('stop with the task when the user stops its agent', async () => {
    const { world, task, sleep } = await taskWithService();
    world.server.enqueue({ text: 'Thinking', fault: { kind: 'hang' } });
    expectOk(await world.services.agents.send(task.id, 'Keep going'));
    await world.waitForStatus(task.id, 'running');
    expect(sleep.running()).toHaveLength(2);
    expectOk(world.services.agents.stop(task.id));
    await world.waitForStatus(task.id, 'stopped');
    await sleep.expectAllGone();
    await vi.waitFor(() => expect(expectOk(world.services.commands.services(task.id))).toEqual([]), until);
  });

  it('stop when the task is archived after its merge', async () => {
    const { world, task, sleep } = await taskWithService();
    writeFileSync(join(task.workspace.path, 'feature.txt'), 'done\n');
    expectOk(await world.services.merges.run({ taskId: task.id, strategy: 'squash', includeUncommitted: true }));
    expect(sleep.running()).toHaveLength(2);
    expectOk(await world.services.merges.archive(task.id, false));
    await sleep.expectAllGone();
  });

  it('stop when Braid quits', async () => {
    const { world, sleep } = await taskWithService();
    await world.services.close();
    await sleep.expectAllGone();
  });

  it('are refused for an unknown task or service over the service API', async () => {
    const { world, task } = await taskWithService();
    expect(world.services.commands.services('nope')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await world.services.commands.stopService(task.id, 'service-999')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'The task has no service service-999.' } });
  });
});
