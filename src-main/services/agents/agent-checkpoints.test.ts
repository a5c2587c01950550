import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentWorld } from '../testing/agent-fixture';
import { expectOk } from '../testing/services-fixture';
import { git } from '../../testing/git-fixtures';

describe('a checkpoint per agent turn', () => {
  it('stores the worktree after each turn, restores it, and is removed with the task', async () => {
    const world = await agentWorld();
    world.server.enqueue(
      { toolCalls: [{ id: 'w1', name: 'write_file', args: { path: 'a.txt', content: 'turn one\n' } }] },
      { text: 'First turn done.' },
      { toolCalls: [{ id: 'w2', name: 'write_file', args: { path: 'b.txt', content: 'turn two\n' } }] },
      { text: 'Second turn done.' },
    );
    const task = await world.createTask('Checkpoints', 'Write a.txt');
    await world.waitForStatus(task.id, 'done');
    expectOk(await world.services.agents.send(task.id, 'Now b.txt'));
    await world.waitForEvent(task.id, 'assistant_text', (event) => event.text.includes('Second turn done.'));
    await world.waitForStatus(task.id, 'done');

    const checkpoints = expectOk(await world.services.history.listCheckpoints(task.id));
    expect(checkpoints.map((checkpoint) => checkpoint.turn)).toEqual([2, 4]);
    const root = task.workspace.path;
    expect(existsSync(join(root, 'b.txt'))).toBe(true);

    // Back to the end of the first turn: b.txt did not exist then.
    expectOk(await world.services.history.restoreCheckpoint(task.id, 2));
    expect(readFileSync(join(root, 'a.txt'), 'utf8')).toBe('turn one\n');
    expect(existsSync(join(root, 'b.txt'))).toBe(false);

    // A change made after the newest checkpoint is not thrown away without asking.
    writeFileSync(join(root, 'a.txt'), 'edited by hand\n');
    expect(await world.services.history.restoreCheckpoint(task.id, 4)).toMatchObject({ ok: false, error: { code: 'CHECKPOINT_HAS_NEWER_CHANGES' } });
    expect(readFileSync(join(root, 'a.txt'), 'utf8')).toBe('edited by hand\n');

    expectOk(await world.services.tasks.delete({ taskId: task.id, force: true, keepBranch: false }));
    expect(git(world.repo, 'for-each-ref', 'refs/braid/')).toBe('');
  });
});
