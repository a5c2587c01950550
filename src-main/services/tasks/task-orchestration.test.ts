import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentWorld } from '../testing/agent-fixture';
import { expectOk } from '../testing/services-fixture';
import { git } from '../../testing/git-fixtures';
import { agentMarkdown, scriptAgents, writeAgentFile } from '../../testing/subagent-script';
import { implementedGreeting, submit } from '../review-role/review-world.fixture';
import { childrenOf } from '../subagents/subagent-world.fixture';
import { setupRepo, trustConfig, waitForSetup } from '../workspace-setup/setup.fixture';

const askTheUser = { toolCalls: [{ name: 'ask_user', args: { question: 'Which greeting do you want?' } }] };

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

  it('deleting a review or a subagent’s task leaves the workspace’s setup alone: a Retry running for its owner goes on', async () => {
    // The first setup fails; the Retry waits for go.flag, so it is still running while the tasks sharing the workspace go.
    const repo = setupRepo({
      '.braid/workspace.json': JSON.stringify({ setup: ['test -f "$BRAID_ROOT_PATH/retry.flag" || exit 3', 'while [ ! -f "$BRAID_ROOT_PATH/go.flag" ]; do sleep 0.05; done'] }),
    });
    const world = await agentWorld({ repo });
    trustConfig(world.services, world.project.id);
    writeAgentFile(repo, 'helper.md', agentMarkdown({ name: 'helper', description: 'Helps' }, 'Help.'));
    scriptAgents(world.server, {
      parent: [{ toolCalls: [{ id: 'w1', name: 'write_file', args: { path: 'a.txt', content: 'one\n' } }, { id: 'd1', name: 'delegate', args: { agent: 'helper', prompt: 'Look at a.txt' } }] }, { text: 'Done.' }],
      helper: [{ text: 'Helped.' }],
    });
    const owner = await world.createTask('Owner', 'Write a.txt');
    expect(owner.workspace.setup.state).toBe('failed');
    expectOk(world.services.workspaceSetup.startWithoutSetup(owner.id));
    await world.waitForStatus(owner.id, 'done');
    const [helper] = childrenOf(world, owner.id);
    world.server.enqueue(submit({ verdict: 'correct', explanation: 'Good.', confidence: 0.8, findings: [] }));
    const review = expectOk(await world.services.reviews.start({ taskId: owner.id }));
    await world.waitForStatus(review.id, 'done');

    writeFileSync(join(repo, 'retry.flag'), '');
    expectOk(await world.services.workspaceSetup.retry(owner.id));
    await waitForSetup(world.services, owner, 'running');
    expectOk(await world.services.tasks.delete({ taskId: helper!.id, force: false, keepBranch: false }));
    expectOk(await world.services.tasks.delete({ taskId: review.id, force: false, keepBranch: false }));
    expect(world.task(owner.id).workspace.setup.state).toBe('running');

    writeFileSync(join(repo, 'go.flag'), '');
    await waitForSetup(world.services, owner, 'succeeded');
    expect(world.timeline(owner.id).filter((event) => event.kind === 'script_ended').map((event) => event.kind === 'script_ended' && event.outcome)).toEqual(['failed', 'succeeded']);
  });

  it('archiving a merged workspace stops the agent of a review going with it (waiting for an answer)', async () => {
    const { world, implement } = await implementedGreeting('off');
    world.server.enqueue(askTheUser);
    const review = expectOk(await world.services.reviews.start({ taskId: implement.id }));
    await world.waitForStatus(review.id, 'needs_input');
    expectOk(await world.services.merges.run({ taskId: implement.id, strategy: 'squash', includeUncommitted: true }));

    expectOk(await world.services.merges.archive(implement.id, false, true));
    expect(world.services.agents.isRunning(review.id)).toBe(false);
    expect(expectOk(world.services.tasks.list(world.project.id))).toEqual([]);
    expect(existsSync(implement.workspace.path)).toBe(false);
  });

  it('archiving a merged workspace stops a subagent’s task resumed on its own (waiting for an answer)', async () => {
    const world = await agentWorld();
    writeAgentFile(world.repo, 'helper.md', agentMarkdown({ name: 'helper', description: 'Helps' }, 'Help.'));
    scriptAgents(world.server, {
      parent: [{ toolCalls: [{ id: 'w1', name: 'write_file', args: { path: 'a.txt', content: 'one\n' } }, { id: 'd1', name: 'delegate', args: { agent: 'helper', prompt: 'Look at a.txt' } }] }, { text: 'Went on without it.' }],
      helper: [{ text: 'Looking', fault: { kind: 'hang' } }, askTheUser],
    });
    const parent = await world.createTask('Parent', 'Write a.txt');
    // The parent's first request, then the subagent's (it hangs).
    await world.server.waitForRequests(2);
    const [helper] = childrenOf(world, parent.id);
    // Stopped, the parent goes on without it and finishes; the user then resumes the subagent alone.
    expectOk(world.services.agents.stop(helper!.id));
    await world.waitForStatus(parent.id, 'done');
    expectOk(await world.services.agents.resume(helper!.id));
    await world.waitForStatus(helper!.id, 'needs_input');
    expectOk(await world.services.merges.run({ taskId: parent.id, strategy: 'squash', includeUncommitted: true }));

    expectOk(await world.services.merges.archive(parent.id, false));
    expect(world.services.agents.isRunning(helper!.id)).toBe(false);
    expect(expectOk(world.services.tasks.list(world.project.id))).toEqual([]);
    expect(existsSync(parent.workspace.path)).toBe(false);
  });
});
