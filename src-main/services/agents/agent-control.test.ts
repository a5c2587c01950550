import { describe, expect, it, vi } from 'vitest';
import { agentWorld } from '../testing/agent-fixture';
import { crashHostAt } from '../testing/crashed-host';
import { uniqueSleep } from '../testing/host-processes';
import { expectOk } from '../testing/services-fixture';
import { tempFolder } from '../testing/temp-folders';

describe('controlling a running agent', () => {
  it('stops mid-stream: the request is cancelled and the task says stopped', async () => {
    const world = await agentWorld();
    world.server.enqueue({ text: 'I am starting to', fault: { kind: 'hang' } });
    const task = await world.createTask('Hang', 'Answer slowly');
    await world.server.waitForRequests(1);
    await world.waitForStatus(task.id, 'running');
    expectOk(world.services.agents.stop(task.id));
    const stopped = await world.waitForStatus(task.id, 'stopped');
    expect(stopped.agent.statusReason).toMatch(/Stopped by you/);
    await vi.waitFor(() => expect(world.server.openStreams).toBe(0));
    // Stop twice: the second is told clearly that nothing runs.
    expect(world.services.agents.stop(task.id)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('stops mid-tool: the command and everything it started are killed', async () => {
    const world = await agentWorld();
    const sleep = uniqueSleep();
    world.server.enqueue({ toolCalls: [{ id: 'long', name: 'run_command', args: { command: `${sleep.command} & (setsid ${sleep.command} &); echo started; ${sleep.command}` } }] });
    const task = await world.createTask('Long command', 'Run it');
    await world.waitForEvent(task.id, 'approval_request');
    expectOk(world.services.agents.decide(task.id, 'long', true, null));
    await world.waitForEvent(task.id, 'tool_output', (event) => event.chunk.includes('started'));
    await sleep.waitUntilRunning(3);

    expectOk(world.services.agents.stop(task.id));
    await world.waitForStatus(task.id, 'stopped');
    await sleep.expectAllGone();
    const result = world.timeline(task.id).find((event) => event.kind === 'tool_result');
    expect(result).toMatchObject({ isError: true });
  });

  it('retries transient provider errors with backoff, honouring Retry-After', async () => {
    const world = await agentWorld();
    world.server.enqueue(
      { fault: { kind: 'status', status: 429, retryAfterSeconds: 1 } },
      { text: 'Hel', fault: { kind: 'cut-mid-stream', afterChunks: 3 } },
      { text: 'Hello after retries.' },
    );
    const task = await world.createTask('Flaky', 'Say hello');
    await world.waitForStatus(task.id, 'done');
    const retries = world.timeline(task.id).filter((event) => event.kind === 'retry');
    expect(retries).toHaveLength(2);
    expect(retries[0]).toMatchObject({ attempt: 1, delayMs: 1000 });
    expect(world.server.requests).toHaveLength(3);
    // The partial answer of the cut attempt is not sent back to the model as if it were said.
    const third = world.server.requests[2]?.body as { messages: { role: string }[] };
    expect(third.messages.map((message) => message.role)).not.toContain('assistant');
    const text = world.timeline(task.id).filter((event) => event.kind === 'assistant_text').map((event) => (event.kind === 'assistant_text' ? event.text : ''));
    expect(text.join('')).toContain('Hello after retries.');
  });

  it('after the last try shows the error, and Retry continues from the stored conversation', async () => {
    const world = await agentWorld();
    const failure = { fault: { kind: 'status' as const, status: 500 } };
    world.server.enqueue(failure, failure, failure);
    const task = await world.createTask('Broken provider', 'Do the thing');
    const failed = await world.waitForStatus(task.id, 'failed');
    expect(failed.agent.statusReason).toMatch(/500|Internal/i);
    const error = world.timeline(task.id).find((event) => event.kind === 'error');
    expect(error).toMatchObject({ retryable: true });

    world.server.enqueue({ text: 'Recovered.' });
    expectOk(await world.services.agents.resume(task.id));
    await world.waitForStatus(task.id, 'done');
    expect(JSON.stringify(world.server.requests.at(-1)?.body)).toContain('Do the thing');
  });

  it('runs at most the concurrency limit at once; the others wait in a visible queue', async () => {
    const world = await agentWorld({ agents: { concurrency: 1 } });
    world.server.enqueue({ text: Array.from({ length: 30 }, () => 'slow '), chunkDelayMs: 10 }, { text: 'second' });
    const first = await world.createTask('First', 'Go');
    await world.waitForStatus(first.id, 'running');
    const second = await world.createTask('Second', 'Go too');
    const queued = await world.waitForStatus(second.id, 'queued');
    expect(queued.agent.statusReason).toMatch(/Waiting for a free agent slot/);
    await world.waitForStatus(first.id, 'done');
    await world.waitForStatus(second.id, 'done');
  });

  it.each(['openai', 'anthropic'] as const)('after the host is killed mid-answer (%s), the cut answer is marked incomplete and Resume asks the model again', async (protocol) => {
    const dataDir = tempFolder('braid-crash-');
    const world = await agentWorld({ protocol, dataDir: tempFolder('braid-unused-') });
    world.server.enqueue({ text: Array.from({ length: 400 }, (_, i) => `word${i} `), chunkDelayMs: 10 });
    const baseURL = protocol === 'openai' ? world.server.openaiBaseURL : world.server.anthropicBaseURL;
    const taskId = await crashHostAt({ dataDir, repo: world.repo, baseURL, protocol });
    await world.services.close();

    const after = await agentWorld({ protocol, dataDir, server: world.server, repo: world.repo });
    const interrupted = after.task(taskId);
    expect(interrupted.agent.status).toBe('interrupted');
    expect(interrupted.agent.statusReason).toMatch(/answer was cut off\. Resume asks the model again/);
    const stored = after.timeline(taskId);
    expect(stored[0]).toMatchObject({ kind: 'user_message', text: 'Write a long answer' });
    const cutText = stored.flatMap((event) => (event.kind === 'assistant_text' && event.step === 1 ? [event.text] : [])).join('');
    expect(cutText.startsWith('word0 ')).toBe(true);
    expect(cutText).not.toContain('word399');
    // Marked incomplete after the cut text, before anything a later run writes.
    const lastTextSeq = Math.max(...stored.filter((event) => event.kind === 'assistant_text').map((event) => event.seq));
    expect(stored.find((event) => event.kind === 'answer_incomplete')).toMatchObject({ step: 1, reason: 'interrupted', seq: expect.toSatisfy((seq: number) => seq > lastTextSeq) });

    const requestsBeforeResume = after.server.requests.length;
    after.server.enqueue({ text: 'Finished after the crash.' });
    expectOk(await after.services.agents.resume(taskId));
    const done = await after.waitForStatus(taskId, 'done', 'failed', 'paused');
    expect(done.agent.status).toBe('done');
    // A new request reached the model, and it does not present the cut text as something said.
    expect(after.server.requests).toHaveLength(requestsBeforeResume + 1);
    const resumed = after.server.requests.at(-1)?.body as { messages: { role: string; content: unknown }[] };
    // OpenAI carries the system prompt as a message; Anthropic in its own field.
    expect(resumed.messages.map((message) => message.role).filter((role) => role !== 'system')).toEqual(['user']);
    expect(JSON.stringify(resumed.messages)).toContain('Write a long answer');
    expect(JSON.stringify(resumed.messages)).not.toContain('word0');
    // The task's answer is the new, complete one.
    const finalText = after.timeline(taskId).flatMap((event) => (event.kind === 'assistant_text' && event.step === 2 ? [event.text] : [])).join('');
    expect(finalText).toBe('Finished after the crash.');
  });

  it('stopped mid-answer: the answer is marked incomplete, and Resume asks the model again', async () => {
    const world = await agentWorld();
    world.server.enqueue({ text: Array.from({ length: 400 }, (_, i) => `word${i} `), chunkDelayMs: 10 });
    const task = await world.createTask('Stop me', 'Write a long answer');
    await world.waitForEvent(task.id, 'assistant_text');
    expectOk(world.services.agents.stop(task.id));
    await world.waitForStatus(task.id, 'stopped');
    expect(world.timeline(task.id).find((event) => event.kind === 'answer_incomplete')).toMatchObject({ step: 1, reason: 'stopped' });

    world.server.enqueue({ text: 'A short answer instead.' });
    expectOk(await world.services.agents.resume(task.id));
    const done = await world.waitForStatus(task.id, 'done', 'failed', 'paused');
    expect(done.agent.status).toBe('done');
    expect(world.server.requests).toHaveLength(2);
    expect(JSON.stringify(world.server.requests[1]?.body)).not.toContain('word0');
  });

  it('a message sent while the run closes its tools (its loop done) starts the next run, which answers it', async () => {
    let closeStarted!: () => void;
    const closing = new Promise<void>((resolve) => (closeStarted = resolve));
    let letCloseFinish!: () => void;
    const closeMayFinish = new Promise<void>((resolve) => (letCloseFinish = resolve));
    const world = await agentWorld({
      agents: {
        // No tools; closing them waits until the message below has been sent.
        createToolset: async () => ({
          definitions: async () => [],
          call: async () => ({ text: 'No tools here.', isError: true }),
          close: async () => {
            closeStarted();
            await closeMayFinish;
          },
        }),
      },
    });
    world.server.enqueue({ text: 'First answer.' }, { text: 'Second answer.' });
    const task = await world.createTask('Ending', 'Say something');
    await closing;
    expect(expectOk(await world.services.agents.send(task.id, 'And one more thing.'))).toEqual({ delivery: 'queued' });
    letCloseFinish();

    // Lost, it would sit in the timeline unanswered: no second request would ever come.
    await vi.waitFor(() => expect(world.server.requests).toHaveLength(2), { timeout: 15_000 });
    expect(JSON.stringify(world.server.requests[1]!.body)).toContain('And one more thing.');
    await world.waitForStatus(task.id, 'done');
    const texts = world.timeline(task.id).flatMap((event) => (event.kind === 'assistant_text' ? [event.text] : []));
    expect(texts.join('')).toBe('First answer.Second answer.');
  });
});
