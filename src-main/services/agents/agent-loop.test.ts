import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentWorld } from '../testing/agent-fixture';
import { expectOk } from '../testing/services-fixture';
import { git } from '../../testing/git-fixtures';

const lastRequestText = (world: Awaited<ReturnType<typeof agentWorld>>) => JSON.stringify(world.server.requests.at(-1)?.body);

describe('agent loop against a scripted provider', () => {
  it('starts with the prompt, edits only inside its worktree, and hands tool errors back to the model', async () => {
    const world = await agentWorld();
    world.server.enqueue(
      {
        text: 'I will add the notes.',
        toolCalls: [
          { id: 'c1', name: 'write_file', args: { path: 'notes.md', content: 'hello from the agent\n' } },
          { id: 'c2', name: 'write_file', args: { path: '../escaped.txt', content: 'should never be written' } },
        ],
        usage: { input: 1000, output: 200 },
      },
      { text: 'Done: notes.md written; the other path is outside my workspace.', usage: { input: 1500, output: 50 } },
    );
    const task = await world.createTask('Write notes', 'Write notes.md');
    const done = await world.waitForStatus(task.id, 'done');

    const root = task.workspace.path;
    expect(readFileSync(join(root, 'notes.md'), 'utf8')).toBe('hello from the agent\n');
    expect(existsSync(join(dirname(root), 'escaped.txt'))).toBe(false);
    expect(existsSync(join(world.repo, 'notes.md'))).toBe(false);
    expect(git(world.repo, 'status', '--porcelain')).toBe('');

    // The refusal went back to the model as the tool's result, and the run carried on.
    const second = lastRequestText(world);
    expect(second).toContain('hello from the agent');
    expect(second).toMatch(/outside|escape|not inside/i);
    const results = world.timeline(task.id).filter((event) => event.kind === 'tool_result');
    expect(results.map((event) => event.kind === 'tool_result' && event.isError)).toEqual([false, true]);

    // Usage and cost are recorded per step and totalled on the task.
    expect(done.agent.usage).toMatchObject({ inputTokens: 2500, outputTokens: 250 });
    expect(done.agent.usage.costUsd).toBeGreaterThan(0);
    expect(done.agent.contextWindow).toBeGreaterThan(0);
    expect(done.agent.contextTokens).toBe(1550);
  });

  it('asks before running a command; a denial with a reason goes back to the model', async () => {
    const world = await agentWorld();
    world.server.enqueue(
      { toolCalls: [{ id: 'cmd1', name: 'run_command', args: { command: 'echo ran > ran.txt' } }] },
      { text: 'Understood, I will not run it.' },
    );
    const task = await world.createTask('Careful', 'Run something');
    const waiting = await world.waitForStatus(task.id, 'needs_approval');
    expect(waiting.agent.statusReason).toContain('run_command');
    const request = await world.waitForEvent(task.id, 'approval_request');
    expect(request).toMatchObject({ callId: 'cmd1', name: 'run_command', args: { command: 'echo ran > ran.txt' } });

    expect(expectOk(world.services.agents.decide(task.id, 'cmd1', false, 'not on this branch'))).toEqual({ decided: true, savedRule: null });
    // A second click on the same card is refused clearly rather than deciding twice.
    expect(world.services.agents.decide(task.id, 'cmd1', true, null)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await world.waitForStatus(task.id, 'done');
    expect(existsSync(join(task.workspace.path, 'ran.txt'))).toBe(false);
    expect(lastRequestText(world)).toContain('not on this branch');
  });

  it('runs an approved command in the worktree and streams its output into the timeline', async () => {
    const world = await agentWorld();
    world.server.enqueue(
      { toolCalls: [{ id: 'cmd2', name: 'run_command', args: { command: 'echo streamed-output && pwd' } }] },
      { text: 'The command ran.' },
    );
    const task = await world.createTask('Run', 'Run echo');
    await world.waitForEvent(task.id, 'approval_request');
    // The user reads the card for a moment first: that wait is not part of the command's duration.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const approvedAt = Date.now();
    expectOk(world.services.agents.decide(task.id, 'cmd2', true, null));
    const timed = await world.waitForEvent(task.id, 'tool_result');
    expect(timed.durationMs).toBeLessThanOrEqual(Date.now() - approvedAt);
    await world.waitForStatus(task.id, 'done');
    const output = world.timeline(task.id).filter((event) => event.kind === 'tool_output');
    expect(output.map((event) => (event.kind === 'tool_output' ? event.chunk : '')).join('')).toContain('streamed-output');
    const result = world.timeline(task.id).find((event) => event.kind === 'tool_result');
    expect(result).toMatchObject({ isError: false });
    expect(result?.kind === 'tool_result' && result.text).toContain(task.workspace.path);
  });

  it('delivers a message sent while the model is answering at the next step', async () => {
    const world = await agentWorld();
    world.server.enqueue(
      { text: Array.from({ length: 40 }, (_, i) => `part ${i} `), chunkDelayMs: 10, toolCalls: [{ id: 'r1', name: 'read_file', args: { path: 'README.md' } }] },
      { text: 'Noted the extra request.' },
    );
    const task = await world.createTask('Queue', 'Read the readme');
    await world.waitForEvent(task.id, 'assistant_text');
    expect(expectOk(await world.services.agents.send(task.id, 'Also mention the licence'))).toEqual({ delivery: 'queued' });
    await world.waitForStatus(task.id, 'done');

    const second = world.server.requests[1]?.body as { messages: { role: string; content: unknown }[] };
    const roles = second.messages.map((message) => message.role);
    // The user's follow-up comes after the tool result, not in the middle of the step.
    expect(roles.slice(-3)).toEqual(['assistant', 'tool', 'user']);
    expect(JSON.stringify(second.messages.at(-1))).toContain('Also mention the licence');
  });

  it('pauses at the step limit and continues when asked', async () => {
    const world = await agentWorld();
    const task = await world.createTask('Limited');
    expectOk(world.services.agents.setLimits(task.id, 1, null));
    world.server.enqueue({ toolCalls: [{ id: 'l1', name: 'list_dir', args: {} }] }, { text: 'Finished after continuing.' });
    expectOk(await world.services.agents.send(task.id, 'List the files'));
    const paused = await world.waitForStatus(task.id, 'paused');
    expect(paused.agent.statusReason).toMatch(/Step limit reached \(1 steps\)/);
    expect(world.server.requests).toHaveLength(1);
    expectOk(await world.services.agents.resume(task.id));
    await world.waitForStatus(task.id, 'done');
    expect(world.server.requests).toHaveLength(2);
  });

  it('refuses a model whose provider is not configured, saying what to set', async () => {
    const world = await agentWorld();
    const task = await world.createTask('No model');
    // Anthropic has no key in this world's environment.
    const result = await world.services.agents.setModel(task.id, 'anthropic:claude-sonnet-4-5');
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringContaining('ANTHROPIC_API_KEY') } });
    expect(world.task(task.id).agent.model).toBeNull();
  });

  it("calls the user's MCP servers as mcp__<server>__<tool>, after approval, and stops them afterwards", async () => {
    const world = await agentWorld();
    const fixture = resolve(import.meta.dirname, '../../testing/mcp-fixture-server.mjs');
    expectOk(world.services.mcp.catalog.addAppServer({ name: 'fixture', command: process.execPath, args: [fixture] }));
    world.server.enqueue(
      { toolCalls: [{ id: 'm1', name: 'mcp__fixture__echo', args: { text: 'through MCP' } }] },
      { text: 'The server echoed.' },
    );
    const task = await world.createTask('Use MCP', 'Echo something');
    await world.waitForEvent(task.id, 'approval_request');
    const tools = (world.server.requests[0]?.body as { tools: { function: { name: string } }[] }).tools.map((tool) => tool.function.name);
    expect(tools).toContain('mcp__fixture__echo');
    expect(tools).toContain('read_file');
    expectOk(world.services.agents.decide(task.id, 'm1', true, null));
    await world.waitForStatus(task.id, 'done');
    expect(JSON.stringify(world.server.requests[1]?.body)).toContain('through MCP');
    // No task needs the server any more: it is stopped.
    expect(world.services.mcp.hub.statuses().filter((status) => status.state !== 'stopped')).toEqual([]);
  });
});
