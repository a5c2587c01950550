import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { agentWorld } from '../testing/agent-fixture';
import { expectOk } from '../testing/services-fixture';

describe('the merged mark', () => {
  it('is cleared when the task’s agent starts new work in the merged workspace, and the UI is told', async () => {
    const world = await agentWorld();
    world.server.enqueue({ text: 'Nothing to do.' }, { text: 'More work, starting.', fault: { kind: 'hang' } });
    const task = await world.createTask('Feature', 'Look around');
    await world.waitForStatus(task.id, 'done');
    writeFileSync(join(task.workspace.path, 'feature.txt'), 'done\n');
    expectOk(await world.services.merges.run({ taskId: task.id, strategy: 'squash', includeUncommitted: true }));
    expect(world.task(task.id).workspace.merged).toMatchObject({ strategy: 'squash' });

    expectOk(await world.services.agents.send(task.id, 'One more thing'));
    await world.waitForStatus(task.id, 'running');
    await vi.waitFor(() => expect(world.task(task.id).workspace.merged).toBeNull(), { timeout: 5_000, interval: 5 });
    const latest = world.recorder.of('tasks.changed').filter((change) => change.task.id === task.id).at(-1);
    expect(latest?.task.workspace.merged).toBeNull();
    expectOk(world.services.agents.stop(task.id));
    await world.waitForStatus(task.id, 'stopped');
  });
});
