import { describe, expect, it, vi } from 'vitest';
import { agentWorld } from '../../testing/agent-fixture';
import { uniqueSleep } from '../../testing/host-processes';
import { expectOk } from '../../testing/services-fixture';

describe('a CLI without ACP as a task’s engine, in its own terminal', () => {
  it('starts in a task terminal with the prompt in place of {prompt}; its status is its process’s', async () => {
    const world = await agentWorld();
    const engine = { kind: 'tui' as const, command: '/bin/sh', args: ['-c', 'printf "working on: %s\\n" "$1"; exit "$2"', 'cli', '{prompt}', '0'] };
    const task = await world.createTask('TUI', 'Fix the header', 'implement', engine);
    const done = await world.waitForStatus(task.id, 'done');
    expect(done.agent.statusReason).toBe('sh exited.');
    const [terminal] = expectOk(world.services.terminals.list(task.id));
    expect(terminal).toMatchObject({ kind: 'command', title: 'sh (agent)', state: 'exited', exitCode: 0 });
    const screen = expectOk(await world.services.terminals.snapshot({ taskId: task.id, terminalId: terminal!.id }));
    expect(screen.data).toContain('working on: Fix the header');
    // No structured timeline: the prompt and the run's states, nothing the CLI did.
    expect(world.timeline(task.id).some((event) => event.kind === 'tool_call' || event.kind === 'assistant_text')).toBe(false);
  });

  it('a CLI that exits with an error fails the task, saying so', async () => {
    const world = await agentWorld();
    const task = await world.createTask('TUI', 'Go', 'implement', { kind: 'tui', command: '/bin/sh', args: ['-c', 'exit 2'] });
    const failed = await world.waitForStatus(task.id, 'failed');
    expect(failed.agent.statusReason).toBe('sh exited with code 2; its terminal shows what it said.');
  });

  it('Stop ends the CLI and everything it started; Resume starts it again', async () => {
    const world = await agentWorld();
    const sleeper = uniqueSleep();
    const task = await world.createTask('TUI', 'Go', 'implement', { kind: 'tui', command: '/bin/sh', args: ['-c', `${sleeper.command} & ${sleeper.command}`] });
    await sleeper.waitUntilRunning(2);
    await vi.waitFor(() => expect(world.task(task.id).agent.status).toBe('running'));
    expectOk(world.services.agents.stop(task.id));
    await world.waitForStatus(task.id, 'stopped');
    await sleeper.expectAllGone();
    expectOk(await world.services.agents.resume(task.id));
    await sleeper.waitUntilRunning(2);
    // The process starts a moment before its terminal is listed.
    await vi.waitFor(() => expect(expectOk(world.services.terminals.list(task.id)).filter((terminal) => terminal.state === 'running')).toHaveLength(1));
  });
});
