import { describe, expect, it, vi } from 'vitest';
import type { Task } from '../../../src-shared/contract';
import type { ScriptedTurn } from '../../testing/scripted-model-server';
import { agentWorld } from '../testing/agent-fixture';
import { expectOk } from '../testing/services-fixture';
import { agentMarkdown, requestFacts, scriptAgents, writeAgentFile } from '../../testing/subagent-script';
import { childrenOf, waitLong, type World } from './subagent-world.fixture';

const delegateResults = (world: World, taskId: string) =>
  world.timeline(taskId).flatMap((event) => (event.kind === 'tool_result' && event.callId.startsWith('d') ? [{ callId: event.callId, isError: event.isError, text: event.text }] : []));

function defineReviewerAndTester(world: World): void {
  writeAgentFile(world.repo, 'reviewer.md', agentMarkdown({ name: 'reviewer', description: 'Reviews a change', tools: 'Read, Grep' }, 'You review code. Be brief.'));
  writeAgentFile(world.repo, 'tester.md', agentMarkdown({ name: 'tester', description: 'Writes tests' }, 'You write tests.'), '.braid/agents');
}

/** The parent's first step: one delegate call to each subagent; its second: a summary. */
const parentDelegatingToBoth = () => [
  {
    toolCalls: [
      { id: 'd1', name: 'delegate', args: { agent: 'reviewer', prompt: 'Review src/index.ts' } },
      { id: 'd2', name: 'delegate', args: { agent: 'tester', prompt: 'Test src/index.ts' } },
    ],
  },
  { text: 'Both subagents answered.' },
];

describe('delegating to subagents (scripted model)', () => {
  it('a parent delegates to two subagents in one step: both run at once in its workspace, and both answers come back as the results', async () => {
    const world = await agentWorld();
    defineReviewerAndTester(world);
    // Each subagent's answer waits until the other's request has arrived (request 3, after the
    // parent's first): only subagents running at the same time can both answer.
    const bothAsked = () => world.server.waitForRequests(3);
    scriptAgents(world.server, {
      parent: parentDelegatingToBoth(),
      reviewer: [{ text: 'Reviewer: the change is correct.', holdUntil: bothAsked() }],
      tester: [{ text: 'Tester: wrote 3 tests.', holdUntil: bothAsked() }],
    });
    const parent = await world.createTask('Ship it', 'Get it reviewed and tested');
    await world.waitForStatus(parent.id, 'done');

    // Recorded as each subagent finishes, in either order: both ran at once.
    const results = [...delegateResults(world, parent.id)].sort((a, b) => a.callId.localeCompare(b.callId));
    expect(results).toEqual([
      expect.objectContaining({ callId: 'd1', isError: false, text: 'Reviewer: the change is correct.' }),
      expect.objectContaining({ callId: 'd2', isError: false, text: 'Tester: wrote 3 tests.' }),
    ]);
    // The parent's next request carries both answers.
    const followUp = world.server.requests.at(-1)!.body as { messages: { role: string; content: unknown }[] };
    const toolContents = JSON.stringify(followUp.messages.filter((message) => message.role === 'tool'));
    expect(toolContents).toContain('Reviewer: the change is correct.');
    expect(toolContents).toContain('Tester: wrote 3 tests.');

    // Started in the same step: which was stored first is not part of the behaviour.
    const children = childrenOf(world, parent.id).sort((a, b) => (a.subagent?.agent ?? '').localeCompare(b.subagent?.agent ?? ''));
    expect(children.map((child) => [child.subagent?.agent, child.subagent?.source, child.subagent?.depth, child.agent.status])).toEqual([
      ['reviewer', 'project-claude', 1, 'done'],
      ['tester', 'project-braid', 1, 'done'],
    ]);
    // Same workspace, no new worktree: each child is openable with its own timeline.
    for (const child of children) {
      expect(child.workspace).toEqual(parent.workspace);
      expect(world.timeline(child.id)[0]).toMatchObject({ kind: 'user_message' });
    }
    expect(world.timeline(children[0]!.id).find((event) => event.kind === 'user_message')).toMatchObject({ text: 'Review src/index.ts' });
    // While it waited, the parent said for whom.
    const reasons = world.timeline(parent.id).flatMap((event) => (event.kind === 'status' && event.reason ? [event.reason] : []));
    expect(reasons).toContain('Waiting for 2 subagents: reviewer, tester');

    // The reviewer got its own instructions and only its tools (Read, Grep in Braid's names).
    const reviewerRequest = world.server.requests.map(requestFacts).find((facts) => facts.agent === 'reviewer')!;
    expect(reviewerRequest.tools.sort()).toEqual(['git_diff', 'git_status', 'grep', 'list_dir', 'read_file']);
    const reviewerSystem = JSON.stringify(world.server.requests.find((request) => requestFacts(request).agent === 'reviewer')!.body.messages[0]);
    expect(reviewerSystem).toContain('You review code. Be brief.');
    // The tester has no tool list: it gets its parent's tools, delegate included.
    const testerRequest = world.server.requests.map(requestFacts).find((facts) => facts.agent === 'tester')!;
    expect(testerRequest.tools).toEqual(expect.arrayContaining(['write_file', 'run_command', 'delegate', 'ask_user']));
  });

  it('at concurrency 1 the parent gives its slot to its subagents while it waits: no deadlock, one run at a time', async () => {
    const world = await agentWorld({ agents: { concurrency: 1 } });
    defineReviewerAndTester(world);
    // Which subagent gets the slot first is a race. Whichever it is holds its answer until its
    // sibling waits in the queue for that slot: at concurrency 1 they can never run at once.
    const wasQueued = (task: Task) => world.timeline(task.id).some((event) => event.kind === 'status' && event.status === 'queued');
    const siblingQueued = (agent: string) =>
      vi.waitFor(() => {
        if (!childrenOf(world, parent.id).some((child) => child.subagent?.agent !== agent && wasQueued(child))) throw new Error(`the sibling of ${agent} is not queued`);
      }, waitLong);
    let first: string | null = null;
    const answer = (agent: string, text: string) => (): ScriptedTurn => {
      first ??= agent;
      return first === agent ? { text, holdUntil: siblingQueued(agent) } : { text };
    };
    scriptAgents(world.server, { parent: parentDelegatingToBoth(), reviewer: answer('reviewer', 'Reviewer done.'), tester: answer('tester', 'Tester done.') });
    const parent = await world.createTask('Serial', 'Review and test');
    // Without giving its slot up, the parent would wait for children that wait for its slot.
    await world.waitForStatus(parent.id, 'done');

    // Each call has its own subagent's answer, in whichever order they ended.
    expect(delegateResults(world, parent.id).sort((a, b) => a.callId.localeCompare(b.callId))).toEqual([
      { callId: 'd1', isError: false, text: 'Reviewer done.' },
      { callId: 'd2', isError: false, text: 'Tester done.' },
    ]);
    const children = childrenOf(world, parent.id);
    expect(children.every((child) => child.agent.status === 'done')).toBe(true);
    // The one that ran second waited in the queue for the slot its sibling had; the first never waited.
    expect(children.filter(wasQueued).map((child) => child.subagent?.agent)).toEqual([first === 'reviewer' ? 'tester' : 'reviewer']);
  });

  it('Stop on the parent stops its subagents (their model requests are cancelled) and the parent', async () => {
    const world = await agentWorld();
    defineReviewerAndTester(world);
    scriptAgents(world.server, {
      parent: parentDelegatingToBoth(),
      reviewer: [{ text: 'Reviewing', fault: { kind: 'hang' } }],
      tester: [{ text: 'Testing', fault: { kind: 'hang' } }],
    });
    const parent = await world.createTask('Stop all', 'Review and test');
    await world.server.waitForRequests(3);
    await vi.waitFor(() => expect(childrenOf(world, parent.id).map((child) => child.agent.status)).toEqual(['running', 'running']), waitLong);

    expectOk(world.services.agents.stop(parent.id));
    await world.waitForStatus(parent.id, 'stopped');
    // Started in the same step: which was stored first is not part of the behaviour.
    const children = childrenOf(world, parent.id).sort((a, b) => (a.subagent?.agent ?? '').localeCompare(b.subagent?.agent ?? ''));
    expect(children.map((child) => child.agent.status)).toEqual(['stopped', 'stopped']);
    await vi.waitFor(() => expect(world.server.openStreams).toBe(0), waitLong);
    expect(world.services.agents.isRunning(parent.id) || children.some((child) => world.services.agents.isRunning(child.id))).toBe(false);
    // No answer was made up: the delegate calls wait for a result, so a resumed parent is told.
    expect(delegateResults(world, parent.id)).toEqual([]);
    world.server.enqueue({ text: 'I will do it myself.' });
    expectOk(await world.services.agents.resume(parent.id));
    await world.waitForStatus(parent.id, 'done');
    expect(delegateResults(world, parent.id)).toEqual([
      expect.objectContaining({ callId: 'd1', isError: true, text: expect.stringContaining('The subagent reviewer was stopped before it finished') }),
      expect.objectContaining({ callId: 'd2', isError: true, text: expect.stringContaining('The subagent tester was stopped before it finished') }),
    ]);
    expect(childrenOf(world, parent.id)).toHaveLength(2);
  });
});
