import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { fixtureEngine, type FixtureScript } from '../../../testing/acp-fixture';
import { agentWorld } from '../../testing/agent-fixture';
import { expectOk } from '../../testing/services-fixture';
import { tempFolder } from '../../testing/temp-folders';

const editScript = (extra: Partial<FixtureScript> = {}): FixtureScript => ({
  turns: [
    [
      { think: 'The user wants a greeting file.' },
      { plan: [{ content: 'Write hello.txt', status: 'in_progress' }] },
      { say: 'I will write hello.txt.' },
      { edit: { path: 'hello.txt', content: 'hello from the agent\n' } },
      { usage: { used: 1200, size: 200_000, costUsd: 0.02 } },
      { say: 'Done.' },
    ],
  ],
  ...extra,
});

describe('an external agent (ACP) as a task’s engine', () => {
  it('edits a file only after the approval card is approved, and the timeline, review, checkpoint and audit see it', async () => {
    const world = await agentWorld({ implementMode: null });
    const task = await world.createTask('Greeting', 'Write a greeting file', 'implement', fixtureEngine(editScript()));
    const request = await world.waitForEvent(task.id, 'approval_request');
    expect(request).toMatchObject({ name: 'write_file', args: { path: 'hello.txt' }, rule: 'ask mode' });
    expect(world.task(task.id).agent.status).toBe('needs_approval');
    const file = join(task.workspace.path, 'hello.txt');
    expect(existsSync(file)).toBe(false);

    expectOk(world.services.agents.decide(task.id, request.callId, true, null));
    await world.waitForStatus(task.id, 'done');
    expect(readFileSync(file, 'utf8')).toBe('hello from the agent\n');

    const timeline = world.timeline(task.id);
    expect(timeline.find((event) => event.kind === 'engine_session')).toMatchObject({ how: 'new', agent: 'braid-fixture-agent', version: '1.0.0' });
    expect(timeline.find((event) => event.kind === 'assistant_thought')).toMatchObject({ text: 'The user wants a greeting file.' });
    expect(timeline.find((event) => event.kind === 'todos')).toMatchObject({ todos: [{ content: 'Write hello.txt', status: 'in_progress' }] });
    expect(timeline.find((event) => event.kind === 'tool_info' && event.callId === request.callId)).toMatchObject({ title: 'Write hello.txt', toolKind: 'edit', locations: ['hello.txt'] });
    expect(timeline.find((event) => event.kind === 'file_diff')).toMatchObject({ callId: request.callId, path: 'hello.txt', oldText: null, newText: 'hello from the agent\n' });
    expect(timeline.find((event) => event.kind === 'tool_result' && event.callId === request.callId)).toMatchObject({ isError: false, text: 'Wrote hello.txt' });
    // Text after the call is a new step, as Braid's own agent's next answer would be.
    const texts = timeline.filter((event) => event.kind === 'assistant_text');
    expect(texts.map((event) => event.text)).toEqual(['I will write hello.txt.', 'Done.']);
    expect(texts[1]!.step).toBeGreaterThan(texts[0]!.step);
    expect(timeline.find((event) => event.kind === 'turn_ended')).toMatchObject({ stopReason: 'end_turn' });

    // Usage as the agent reported it: the context gauge and the turn's cost.
    expect(world.task(task.id).agent).toMatchObject({ contextTokens: 1200, contextWindow: 200_000, usage: { costUsd: 0.02 } });

    // DiffLens attributes the new file's hunk to the agent's call, and a checkpoint was made after the turn.
    const provenance = expectOk(await world.services.review.fileProvenance(task.id, 'hello.txt'));
    expect(provenance[0]?.provenance).toMatchObject({ byHand: false, callId: request.callId });
    expect(expectOk(await world.services.history.listCheckpoints(task.id)).length).toBeGreaterThan(0);

    const entries = expectOk(world.services.audit.list({ projectId: world.project.id, taskId: task.id, limit: 100 })).entries;
    expect(entries.find((entry) => entry.type === 'approval.requested')?.payload).toMatchObject({ callId: request.callId, tool: 'write_file' });
    expect(entries.find((entry) => entry.type === 'approval.decided' && entry.actor === 'user')?.payload).toMatchObject({ callId: request.callId, approved: true });
    expect(entries.some((entry) => entry.type === 'tool.call' && (entry.payload as { callId: string }).callId === request.callId)).toBe(true);
  });

  it('a denied card leaves the file unwritten and the agent is told', async () => {
    const world = await agentWorld({ implementMode: null });
    const task = await world.createTask('Greeting', 'Write a greeting file', 'implement', fixtureEngine(editScript()));
    const request = await world.waitForEvent(task.id, 'approval_request');
    expectOk(world.services.agents.decide(task.id, request.callId, false, 'Not now'));
    await world.waitForStatus(task.id, 'done');
    expect(existsSync(join(task.workspace.path, 'hello.txt'))).toBe(false);
    expect(world.timeline(task.id).find((event) => event.kind === 'tool_result' && event.callId === request.callId)).toMatchObject({ isError: true, text: 'The user rejected this edit.' });
  });

  it('Braid’s rules decide without a card: accept edits allows the edit, a deny rule refuses it', async () => {
    const world = await agentWorld({ implementMode: 'acceptEdits' });
    const allowed = await world.createTask('Allowed', 'Write', 'implement', fixtureEngine(editScript()));
    await world.waitForStatus(allowed.id, 'done');
    expect(readFileSync(join(allowed.workspace.path, 'hello.txt'), 'utf8')).toBe('hello from the agent\n');
    expect(world.timeline(allowed.id).find((event) => event.kind === 'permission')).toMatchObject({ decision: 'allow', rule: 'accept edits mode' });
    expect(world.timeline(allowed.id).some((event) => event.kind === 'approval_request')).toBe(false);

    expectOk(await world.services.permissions.saveRules('project', world.project.id, { allow: [], ask: [], deny: ['Edit(hello.txt)'] }));
    const denied = await world.createTask('Denied', 'Write', 'implement', fixtureEngine(editScript()));
    await world.waitForStatus(denied.id, 'done');
    expect(existsSync(join(denied.workspace.path, 'hello.txt'))).toBe(false);
    expect(world.timeline(denied.id).find((event) => event.kind === 'permission')).toMatchObject({ decision: 'deny', rule: 'Edit(hello.txt)', source: 'project' });
  });

  it('file reads and writes the agent asks Braid for stay inside the worktree', async () => {
    const world = await agentWorld({ implementMode: 'acceptEdits' });
    const outside = join(tempFolder('braid-outside-'), 'stolen.txt');
    const script: FixtureScript = {
      turns: [
        [
          { read: { path: 'README.md' } },
          { read: { path: '../../../../../../etc/passwd' } },
          { writeDirect: { path: outside, content: 'x' } },
          { writeDirect: { path: '.git/hooks/pre-commit', content: 'x' } },
          { writeDirect: { path: 'notes/inside.txt', content: 'kept' } },
        ],
      ],
    };
    const task = await world.createTask('Files', 'Go', 'implement', fixtureEngine(script));
    await world.waitForStatus(task.id, 'done');
    const said = world.timeline(task.id).filter((event) => event.kind === 'assistant_text').map((event) => event.text);
    expect(said[0]).toBe('Read: # app\n');
    expect(said[1]).toMatch(/^Reading .*passwd was refused: .*outside the workspace/);
    expect(said[2]).toMatch(/was refused: .*outside the workspace/);
    expect(said[3]).toMatch(/was refused: .*\.git/);
    expect(said[4]).toBe('Wrote notes/inside.txt.');
    expect(existsSync(outside)).toBe(false);
    expect(existsSync(join(task.workspace.path, '.git', 'hooks', 'pre-commit'))).toBe(false);
    expect(readFileSync(join(task.workspace.path, 'notes', 'inside.txt'), 'utf8')).toBe('kept');
    // Each request is a call on the timeline, with how it ended.
    const calls = world.timeline(task.id).filter((event) => event.kind === 'tool_call').map((event) => event.name);
    expect(calls).toEqual(['read_file', 'read_file', 'write_file', 'write_file', 'write_file']);
  });

  it('an edit the agent asks for outside the worktree is refused before any rule, even in full auto', async () => {
    const world = await agentWorld({ implementMode: 'fullAuto' });
    const outsideName = `braid-outside-${Date.now()}.txt`;
    const script: FixtureScript = { turns: [[{ edit: { path: `../${outsideName}`, content: 'escaped' } }]] };
    const task = await world.createTask('Escape', 'Go', 'implement', fixtureEngine(script));
    await world.waitForStatus(task.id, 'done');
    expect(existsSync(join(task.workspace.path, '..', outsideName))).toBe(false);
    const decision = world.timeline(task.id).find((event) => event.kind === 'permission');
    expect(decision).toMatchObject({ decision: 'deny', rule: 'the task’s worktree' });
    expect(world.timeline(task.id).some((event) => event.kind === 'approval_request')).toBe(false);
  });

  it('a command the agent ran itself streams its output onto its card, and the review lists it with its exit code', async () => {
    const world = await agentWorld();
    const script: FixtureScript = { turns: [[{ reportCommand: { command: 'npm test', output: 'FAIL src/a.test.ts\n', exitCode: 1 } }, { say: 'Tests fail.' }]] };
    const task = await world.createTask('Tests', 'Run the tests', 'implement', fixtureEngine(script));
    await world.waitForStatus(task.id, 'done');
    const timeline = world.timeline(task.id);
    const outputs = timeline.filter((event) => event.kind === 'tool_output').map((event) => event.chunk);
    expect(outputs.join('')).toBe('FAIL src/a.test.ts\n');
    const overview = expectOk(await world.services.review.overview(world.project.id)).find((summary) => summary.taskId === task.id);
    expect(overview?.commands).toEqual([expect.objectContaining({ command: 'npm test', exitCode: 1, outcome: 'failed' })]);
  });

  it('runs the agent with the workspace’s environment, so the commands it runs itself see BRAID_PORT as Braid’s own agent’s do', async () => {
    const world = await agentWorld();
    const script: FixtureScript = { turns: [[{ background: { command: 'printf %s "$BRAID_PORT $BRAID_WORKSPACE_PATH" > env.txt' } }, { say: 'Started.' }]] };
    const task = await world.createTask('Environment', 'Show the environment', 'implement', fixtureEngine(script));
    await world.waitForStatus(task.id, 'done');
    const { BRAID_PORT: port } = await world.services.workspaceSetup.environment(task);
    expect(port).toMatch(/^\d+$/);
    const file = join(task.workspace.path, 'env.txt');
    await vi.waitFor(() => expect(readFileSync(file, 'utf8')).toBe(`${port} ${task.workspace.path}`), { timeout: 10_000 });
  });
});
