import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureEngine, fixtureRequests, type FixtureScript } from '../../../testing/acp-fixture';
import { agentWorld } from '../../testing/agent-fixture';
import { expectOk } from '../../testing/services-fixture';
import { tempFolder } from '../../testing/temp-folders';

describe('an external agent’s session across turns and restarts', () => {
  it('a message sent while the agent works goes into its next turn, to the same agent process', async () => {
    const world = await agentWorld({ implementMode: null });
    const requestLog = join(tempFolder('braid-acp-log-'), 'requests.jsonl');
    const script: FixtureScript = { requestLog, turns: [[{ edit: { path: 'a.txt', content: 'a\n' } }, { say: 'Wrote a.' }], [{ echoPrompt: true }]] };
    const task = await world.createTask('Two turns', 'Write a', 'implement', fixtureEngine(script));
    const request = await world.waitForEvent(task.id, 'approval_request');
    expect(expectOk(await world.services.agents.send(task.id, 'Then say what I asked.'))).toEqual({ delivery: 'queued' });
    expect(world.services.agents.queuedMessages(task.id)).toBe(1);
    expectOk(world.services.agents.decide(task.id, request.callId, true, null));
    await world.waitForEvent(task.id, 'assistant_text', (event) => event.text.startsWith('Prompt: '));
    await world.waitForStatus(task.id, 'done');
    expect(world.timeline(task.id).filter((event) => event.kind === 'assistant_text').map((event) => event.text)).toEqual(['Wrote a.', 'Prompt: Then say what I asked.']);
    expect(world.timeline(task.id).filter((event) => event.kind === 'turn_started')).toHaveLength(2);

    // A follow-up after the run ended goes to the same process and session.
    expectOk(await world.services.agents.send(task.id, 'And this?'));
    await world.waitForEvent(task.id, 'assistant_text', (event) => event.text === 'Prompt: And this?');
    await world.waitForStatus(task.id, 'done');
    const methods = fixtureRequests(requestLog).map((entry) => entry.method);
    expect(methods.filter((method) => method === 'initialize')).toHaveLength(1);
    expect(methods.filter((method) => method === 'session/new')).toHaveLength(1);
    expect(methods.filter((method) => method === 'session/prompt')).toHaveLength(3);
  });

  it('after Braid quit mid-turn, Resume restores the agent’s own session (session/load) without repeating its words', async () => {
    const folder = tempFolder('braid-acp-state-');
    const scriptFile = join(folder, 'script.json');
    const requestLog = join(folder, 'requests.jsonl');
    const script: FixtureScript = { stateDir: join(folder, 'sessions'), requestLog, turns: [[{ say: 'Hello.' }, { waitForCancel: true }], [{ echoPrompt: true }]] };
    writeFileSync(scriptFile, JSON.stringify(script));
    const first = await agentWorld();
    const task = await first.createTask('Resumable', 'Work', 'implement', fixtureEngine(scriptFile));
    await first.waitForEvent(task.id, 'assistant_text', (event) => event.text === 'Hello.');
    await first.services.close();

    const second = await agentWorld({ dataDir: first.dataDir, repo: first.repo });
    expect(second.task(task.id).agent.status).toBe('interrupted');
    expectOk(await second.services.agents.resume(task.id));
    await second.waitForEvent(task.id, 'assistant_text', (event) => event.text.startsWith('Prompt: '));
    await second.waitForStatus(task.id, 'done');
    const timeline = second.timeline(task.id);
    const sessions = timeline.filter((event) => event.kind === 'engine_session');
    expect(sessions.map((event) => event.how)).toEqual(['new', 'loaded']);
    expect(sessions[1]).toMatchObject({ sessionId: sessions[0]!.sessionId });
    // The agent replayed "Hello." while loading; Braid already had it.
    expect(timeline.filter((event) => event.kind === 'assistant_text').map((event) => event.text)).toEqual(['Hello.', 'Prompt: Continue from where you stopped.']);
    expect(fixtureRequests(requestLog).map((entry) => entry.method)).toContain('session/load');
  });

  it('an agent that cannot load sessions gets a new one with Braid’s transcript of the conversation', async () => {
    const folder = tempFolder('braid-acp-state-');
    const scriptFile = join(folder, 'script.json');
    writeFileSync(scriptFile, JSON.stringify({ turns: [[{ say: 'Hello.' }, { waitForCancel: true }]] } satisfies FixtureScript));
    const first = await agentWorld();
    const task = await first.createTask('Transcript', 'Work on the README', 'implement', fixtureEngine(scriptFile));
    await first.waitForEvent(task.id, 'assistant_text', (event) => event.text === 'Hello.');
    await first.services.close();

    // The next agent process only echoes what it is sent.
    writeFileSync(scriptFile, JSON.stringify({ turns: [[{ echoPrompt: true }]] } satisfies FixtureScript));
    const second = await agentWorld({ dataDir: first.dataDir, repo: first.repo });
    expectOk(await second.services.agents.send(task.id, 'Now finish it.'));
    const echoed = await second.waitForEvent(task.id, 'assistant_text', (event) => event.text.startsWith('Prompt: '));
    await second.waitForStatus(task.id, 'done');
    expect(second.timeline(task.id).filter((event) => event.kind === 'engine_session').map((event) => event.how)).toEqual(['new', 'transcript']);
    expect(echoed.text).toContain('your earlier session could not be restored');
    expect(echoed.text).toContain('User: Work on the README');
    expect(echoed.text).toContain('Assistant: Hello.');
    // The new message comes after the transcript, once; the interrupted turn's "continue" is not invented.
    expect(echoed.text.endsWith('</conversation>\n\nNow finish it.')).toBe(true);
  });

  it('an agent that wants to be signed in is signed in with the API-key method it offers, then the session starts', async () => {
    const world = await agentWorld();
    const requestLog = join(tempFolder('braid-acp-log-'), 'requests.jsonl');
    const task = await world.createTask('Signed in', 'Hi', 'implement', fixtureEngine({ requestLog, requireAuth: 'api-key', turns: [[{ say: 'In.' }]] }));
    await world.waitForStatus(task.id, 'done');
    expect(fixtureRequests(requestLog).map((entry) => entry.method)).toEqual(['initialize', 'session/new', 'authenticate', 'session/new', 'session/prompt']);
  });

  it('/clear gives the agent a new session that knows nothing of before', async () => {
    const world = await agentWorld();
    const requestLog = join(tempFolder('braid-acp-log-'), 'requests.jsonl');
    const task = await world.createTask('Clear', 'Remember the word banana', 'implement', fixtureEngine({ requestLog, turns: [[{ echoPrompt: true }]] }));
    await world.waitForEvent(task.id, 'assistant_text', (event) => event.text === 'Prompt: Remember the word banana');
    await world.waitForStatus(task.id, 'done');
    expectOk(world.services.agents.clearContext(task.id));
    expectOk(await world.services.agents.send(task.id, 'Which word?'));
    await world.waitForEvent(task.id, 'turn_ended', (event) => event.step > 1);
    await world.waitForStatus(task.id, 'done');
    // The same process, a new session, no transcript of what was cleared.
    expect(world.timeline(task.id).filter((event) => event.kind === 'assistant_text').at(-1)).toMatchObject({ text: 'Prompt: Which word?' });
    expect(world.timeline(task.id).filter((event) => event.kind === 'engine_session').map((event) => event.how)).toEqual(['new', 'new']);
    expect(fixtureRequests(requestLog).filter((entry) => entry.method === 'session/new')).toHaveLength(2);
  });
});
