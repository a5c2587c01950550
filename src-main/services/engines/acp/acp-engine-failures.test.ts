import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { fixtureEngine, fixtureRequests, type FixtureScript } from '../../../testing/acp-fixture';
import { hostProcesses } from '../../../testing/host-processes';
import { agentWorld } from '../../testing/agent-fixture';
import { untilFixtureAsked } from '../../testing/fixture-requests';
import { uniqueSleep } from '../../testing/host-processes';
import { expectOk } from '../../testing/services-fixture';
import { tempFolder } from '../../testing/temp-folders';

describe('an external agent that stops, dies or misbehaves', () => {
  it('Stop sends session/cancel, ends the turn as cancelled and leaves none of the agent’s processes', async () => {
    const world = await agentWorld({ agents: { external: { cancelGraceMs: 2_000, killGraceMs: 500 } } });
    const sleeper = uniqueSleep();
    const requestLog = join(tempFolder('braid-acp-log-'), 'requests.jsonl');
    const script: FixtureScript = { requestLog, turns: [[{ background: { command: sleeper.command } }, { say: 'Working…' }, { waitForCancel: true }]] };
    const task = await world.createTask('Long job', 'Work', 'implement', fixtureEngine(script));
    await world.waitForEvent(task.id, 'assistant_text', (event) => event.text === 'Working…');
    await sleeper.waitUntilRunning(1);

    expectOk(world.services.agents.stop(task.id));
    await world.waitForStatus(task.id, 'stopped');
    expect(fixtureRequests(requestLog).map((request) => request.method)).toContain('session/cancel');
    expect(world.timeline(task.id).find((event) => event.kind === 'turn_ended')).toMatchObject({ stopReason: 'cancelled' });
    // The agent and what it started are gone, not left to run on.
    await sleeper.expectAllGone();
  });

  it('an agent that ignores the cancel is killed after the grace period, with its process tree', async () => {
    const world = await agentWorld({ agents: { external: { cancelGraceMs: 300, killGraceMs: 300 } } });
    const sleeper = uniqueSleep();
    const script: FixtureScript = { turns: [[{ background: { command: sleeper.command } }, { hang: true }]] };
    const task = await world.createTask('Stubborn', 'Work', 'implement', fixtureEngine(script));
    await sleeper.waitUntilRunning(1);
    expectOk(world.services.agents.stop(task.id));
    await world.waitForStatus(task.id, 'stopped');
    await sleeper.expectAllGone();
    expect(world.timeline(task.id).find((event) => event.kind === 'turn_ended')).toMatchObject({ stopReason: 'cancelled' });
  });

  it('an agent that dies mid-turn fails the task with its exit code and what it said', async () => {
    const world = await agentWorld();
    const script: FixtureScript = { turns: [[{ say: 'Starting.' }, { crash: { code: 3, stderr: 'fatal: out of tokens' } }]] };
    const task = await world.createTask('Crash', 'Go', 'implement', fixtureEngine(script));
    const failed = await world.waitForStatus(task.id, 'failed');
    expect(failed.agent.statusReason).toMatch(/exited with code 3\. It said: fatal: out of tokens/);
    expect(world.timeline(task.id).find((event) => event.kind === 'error')).toMatchObject({ code: 'AGENT_FAILED', retryable: true });
  });

  it('an agent that writes garbage to its output fails the task saying it does not speak ACP', async () => {
    const world = await agentWorld();
    const task = await world.createTask('Garbage', 'Go', 'implement', fixtureEngine({ turns: [[{ garbage: { lines: 40 } }, { waitForCancel: true }]] }));
    const failed = await world.waitForStatus(task.id, 'failed');
    expect(failed.agent.statusReason).toMatch(/does not speak ACP: it wrote 21 lines that are not ACP messages .*"this is not json 0"/);
  });

  it('an agent of another protocol version is refused at initialize', async () => {
    const world = await agentWorld();
    const task = await world.createTask('Old', 'Go', 'implement', fixtureEngine({ protocolVersion: 7, turns: [[{ say: 'never' }]] }));
    const failed = await world.waitForStatus(task.id, 'failed');
    expect(failed.agent.statusReason).toMatch(/speaks ACP version 7; Braid speaks version 1/);
  });

  it('a program that is not on PATH is refused when the task is created, saying so', async () => {
    const world = await agentWorld();
    const created = await world.services.tasks.create({ projectId: world.project.id, title: 'Missing', prompt: '', role: 'implement', engine: { kind: 'acp-command', command: 'no-such-acp-agent-xyz', args: [] } });
    expect(created).toMatchObject({ ok: false, error: { code: 'ENGINE_NOT_INSTALLED', message: expect.stringContaining('no-such-acp-agent-xyz was not found on PATH') } });
    const preset = await world.services.tasks.create({ projectId: world.project.id, title: 'Claude', prompt: '', role: 'implement', engine: { kind: 'acp', agent: 'claude-code' } });
    expect(preset).toMatchObject({ ok: false, error: { code: 'ENGINE_NOT_INSTALLED', message: expect.stringContaining('npm install -g @agentclientprotocol/claude-agent-acp') } });
  });

  it('Stop while the agent is still starting stops it at once', async () => {
    const world = await agentWorld({ agents: { external: { killGraceMs: 300 } } });
    const requestLog = join(tempFolder('braid-acp-log-'), 'requests.jsonl');
    // It never answers initialize: only Stop can end its start.
    const engine = fixtureEngine({ requestLog, initializeHangs: true, turns: [[{ say: 'never' }]] });
    const script = engine.args.at(-1)!;
    const agentProcesses = () => hostProcesses().filter((process) => process.args.includes(script));
    const task = await world.createTask('Stuck start', 'Go', 'implement', engine);
    // The agent logs initialize as it begins to handle it: from here on it is in its start.
    await untilFixtureAsked(requestLog, 'initialize');
    expect(agentProcesses()).not.toEqual([]);

    expectOk(world.services.agents.stop(task.id));
    await world.waitForStatus(task.id, 'stopped');
    await vi.waitFor(() => expect(agentProcesses()).toEqual([]), { timeout: 10_000, interval: 25 });
    expect(fixtureRequests(requestLog).map((entry) => entry.method)).toEqual(['initialize']);
    expect(world.timeline(task.id).some((event) => event.kind === 'assistant_text')).toBe(false);
  });
});
