import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { agentWorld } from '../testing/agent-fixture';
import { expectOk } from '../testing/services-fixture';
import { greetingImplemented, reviewedClean } from '../review-role/review-world.fixture';
import { setupRepo, trustConfig, waitForSetup } from '../workspace-setup/setup.fixture';

describe('recreating a shared workspace', () => {
  it('asked from a review task, the worktree comes back for its reviewed task: the setup runs in the owner’s timeline and terminal, every task on it is told', async () => {
    const repo = setupRepo({ '.braid/workspace.json': `${JSON.stringify({ setup: 'echo setting up' })}\n` });
    const world = await agentWorld({ repo });
    trustConfig(world.services, world.project.id);
    const implement = await greetingImplemented(world);
    const review = await reviewedClean(world, implement.id);

    rmSync(implement.workspace.path, { recursive: true, force: true });
    await world.services.workspaces.reconcile();
    expect(world.task(review.id).workspace.state).toBe('missing');

    const back = expectOk(await world.services.workspaces.recreate(review.id));
    expect(back).toMatchObject({ id: implement.id, workspace: { state: 'ready' } });
    const announced = (taskId: string) => world.recorder.of('tasks.changed').filter((event) => event.task.id === taskId).at(-1)?.task.workspace.state;
    expect([announced(implement.id), announced(review.id)]).toEqual(['ready', 'ready']);
    await waitForSetup(world.services, implement, 'succeeded');
    const setupsOf = (taskId: string) => world.timeline(taskId).filter((event) => event.kind === 'script_ended');
    expect(setupsOf(implement.id)).toMatchObject([{ outcome: 'succeeded' }, { outcome: 'succeeded' }]);
    expect(setupsOf(review.id)).toEqual([]);
    expect(expectOk(world.services.terminals.list(review.id))).toEqual([]);
  });
});
