import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { agentWorld } from '../testing/agent-fixture';
import { expectOk } from '../testing/services-fixture';
import { git } from '../../testing/git-fixtures';

describe('task orchestration', () => {
  it('starts a new task’s agent with its prompt as soon as the worktree is ready', async () => {
    const world = await agentWorld();
    world.server.enqueue({ text: 'On it.' });
    const created = expectOk(await world.services.tasks.create({ projectId: world.project.id, title: 'Prompted', prompt: 'Say hello', role: 'implement' }));
    expect(created.task.workspace.state).toBe('creating');
    await world.waitForStatus(created.task.id, 'done');
    expect(world.timeline(created.task.id).find((event) => event.kind === 'user_message')).toMatchObject({ text: 'Say hello' });
  });

  it('deletes a task whose agent is answering: the run is stopped first, then the worktree, its branch and checkpoints go', async () => {
    const world = await agentWorld();
    world.server.enqueue({ toolCalls: [{ id: 'w1', name: 'write_file', args: { path: 'a.txt', content: 'one\n' } }] }, { text: 'Written.' }, { text: 'Thinking about it', fault: { kind: 'hang' } });
    const task = await world.createTask('Busy', 'Write a.txt');
    await world.waitForStatus(task.id, 'done');
    expect(git(world.repo, 'for-each-ref', '--format=%(refname)', 'refs/braid/')).not.toBe('');
    expectOk(await world.services.agents.send(task.id, 'Keep going'));
    await world.server.waitForRequests(3);
    await world.waitForStatus(task.id, 'running');

    expectOk(await world.services.tasks.delete({ taskId: task.id, force: true, keepBranch: false }));
    // The model request was cancelled before the delete answered: nothing writes into a removed worktree.
    expect(world.server.openStreams).toBe(0);
    expect(existsSync(task.workspace.path)).toBe(false);
    expect(git(world.repo, 'branch', '--list', task.workspace.branch)).toBe('');
    expect(git(world.repo, 'for-each-ref', 'refs/braid/')).toBe('');
    expect(world.services.tasks.get(task.id)).toBeUndefined();
    expect(world.recorder.of('tasks.removed')).toEqual([{ projectId: world.project.id, taskId: task.id }]);
  });
});
