import { describe, expect, it, vi } from 'vitest';
import { fixtureEngine, type FixtureScript } from '../../../testing/acp-fixture';
import { agentWorld } from '../../testing/agent-fixture';
import { uniqueSleep } from '../../testing/host-processes';
import { expectOk } from '../../testing/services-fixture';

describe('an external agent’s terminals (terminal/*) on Braid’s pty host', () => {
  it('a command the agent asked for runs in a task terminal after its approval card, and the agent reads its output and exit code', async () => {
    const world = await agentWorld({ implementMode: null });
    const script: FixtureScript = { turns: [[{ run: { command: 'sh', args: ['-c', 'echo from-the-agent-terminal; exit 3'] } }, { say: 'Ran it.' }]] };
    const task = await world.createTask('Terminal', 'Run it', 'implement', fixtureEngine(script));
    const request = await world.waitForEvent(task.id, 'approval_request');
    expect(request).toMatchObject({ name: 'run_command', args: { command: 'sh -c echo from-the-agent-terminal; exit 3' } });
    // Nothing runs before the card is answered.
    expect(expectOk(world.services.terminals.list(task.id))).toEqual([]);

    expectOk(world.services.agents.decide(task.id, request.callId, true, null));
    await world.waitForStatus(task.id, 'done');
    // One card: the terminal the agent then opened belongs to the call the user approved.
    expect(world.timeline(task.id).filter((event) => event.kind === 'approval_request')).toHaveLength(1);
    const result = world.timeline(task.id).find((event) => event.kind === 'tool_result' && event.callId === request.callId);
    expect(result).toMatchObject({ isError: true, text: expect.stringContaining('from-the-agent-terminal') });
    expect(result?.kind === 'tool_result' && result.text).toContain('(exit 3)');
    const output = world.timeline(task.id).filter((event) => event.kind === 'tool_output' && event.callId === request.callId).map((event) => (event.kind === 'tool_output' ? event.chunk : '')).join('');
    expect(output).toContain('Running in the task\'s terminal "echo from-the-agent-terminal; exit 3"');
    expect(output).toContain('from-the-agent-terminal\n[exit code 3]');
  });

  it('a terminal the agent opens on its own is checked as a command; Stop takes down what runs in it', async () => {
    const world = await agentWorld({ implementMode: 'acceptEdits' });
    const sleeper = uniqueSleep();
    const [program, duration] = sleeper.command.split(' ');
    expectOk(await world.services.permissions.saveRules('project', world.project.id, { allow: ['Bash(sleep *)'], ask: [], deny: [] }));
    const script: FixtureScript = { turns: [[{ run: { command: program!, args: [duration!] }, askPermission: false }]] };
    const task = await world.createTask('Sleeper', 'Sleep', 'implement', fixtureEngine(script));
    await sleeper.waitUntilRunning(1);
    await world.waitForEvent(task.id, 'permission');
    // Allowed by the project's rule, as Braid's own agent's command would be, and shown as a task terminal.
    const call = world.timeline(task.id).find((event) => event.kind === 'tool_call' && event.name === 'run_command');
    expect(call).toMatchObject({ args: { command: sleeper.command } });
    expect(world.timeline(task.id).find((event) => event.kind === 'permission' && call?.kind === 'tool_call' && event.callId === call.callId)).toMatchObject({ decision: 'allow', rule: 'Bash(sleep *)' });
    // The process starts a moment before the terminal is listed.
    await vi.waitFor(() => expect(expectOk(world.services.terminals.list(task.id))).toEqual([expect.objectContaining({ kind: 'command', title: `Agent: ${sleeper.command}`, state: 'running' })]));

    expectOk(world.services.agents.stop(task.id));
    await world.waitForStatus(task.id, 'stopped');
    await sleeper.expectAllGone();
  });
});
