import { describe, expect, it } from 'vitest';
import type { ScriptedTurn } from '../../testing/scripted-model-server';
import { agentWorld, type Protocol } from '../testing/agent-fixture';
import { expectOk } from '../testing/services-fixture';

/** Bytes a broken gateway might send: every value, most of them not UTF-8 text. */
const garbage = Uint8Array.from({ length: 300 }, (_, i) => (i * 151 + 7) % 256);

const notAStream: [string, Extract<ScriptedTurn['fault'], { kind: 'raw' }>, RegExp][] = [
  [
    'an HTML login page',
    { kind: 'raw', contentType: 'text/html; charset=utf-8', body: '<!doctype html>\n<title>Login</title>\n<p>Sign in to continue</p>' },
    /answered 200 with text\/html \("<!doctype html> <title>Login<\/title> <p>Sign in to continue<\/p>"\) instead of a model stream\.$/,
  ],
  ['random bytes', { kind: 'raw', contentType: 'application/octet-stream', body: garbage }, /answered 200 with application\/octet-stream \(300 bytes that are not text\) instead of a model stream\.$/],
  ['an empty event stream', { kind: 'raw', contentType: 'text/event-stream', body: '' }, /answered 200 with text\/event-stream \(empty body\) instead of a model stream\.$/],
];

const endpointOf = (url: string, protocol: Protocol) => (protocol === 'openai' ? `${url}/v1/chat/completions` : `${url}/v1/messages`);

describe.each(['openai', 'anthropic'] as const)('a model endpoint whose 200 answer is not a usable step (%s)', (protocol) => {
  it.each(notAStream)('%s: retried with backoff, then the task fails naming the endpoint and what came back', async (_, fault, whatCameBack) => {
    const world = await agentWorld({ protocol });
    world.server.script(() => ({ fault }));
    const task = await world.createTask('Behind a login page', 'Say hello');

    const ended = await world.waitForStatus(task.id, 'failed', 'paused', 'done');
    expect(ended.agent.status).toBe('failed');
    const reason = ended.agent.statusReason ?? '';
    expect(reason.startsWith(`The model endpoint ${endpointOf(world.server.url, protocol)} answered 200 with`)).toBe(true);
    expect(reason).toMatch(whatCameBack);
    // The fixture allows 3 attempts: 3 requests, 2 retries between them, and no step counted.
    expect(world.server.requests).toHaveLength(3);
    const timeline = world.timeline(task.id);
    expect(timeline.filter((event) => event.kind === 'retry').map((event) => event.kind === 'retry' && event.message)).toEqual([reason, reason]);
    expect(timeline.filter((event) => event.kind === 'usage')).toEqual([]);
    expect(ended.agent.stepCount).toBe(0);
    expect(timeline.find((event) => event.kind === 'error')).toMatchObject({ message: reason, code: 'PROVIDER_ERROR', retryable: true });

    // Retry tries as often again, not a step limit's worth of requests.
    expectOk(await world.services.agents.resume(task.id));
    await world.waitForEvent(task.id, 'error', (event) => event.seq > (timeline.at(-1)?.seq ?? 0));
    const again = await world.waitForStatus(task.id, 'failed', 'paused', 'done');
    expect(again.agent.status).toBe('failed');
    expect(world.server.requests).toHaveLength(6);
  });

  it('an answer that ends its turn without text is an answer: the task is done, nothing is retried', async () => {
    const world = await agentWorld({ protocol });
    world.server.enqueue({ text: [] });
    const task = await world.createTask('Silent model', 'Say hello');

    const done = await world.waitForStatus(task.id, 'done', 'failed', 'paused');
    expect(done.agent.status).toBe('done');
    expect(world.server.requests).toHaveLength(1);
    expect(world.timeline(task.id).some((event) => event.kind === 'retry')).toBe(false);
  });

  it('an answer that announces tool calls and sends none is retried, and the next real answer completes the task', async () => {
    const world = await agentWorld({ protocol });
    const noCalls =
      protocol === 'openai'
        ? 'data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant"},"finish_reason":"tool_calls"}]}\n\ndata: [DONE]\n\n'
        : 'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":5,"output_tokens":1}}}\n\n' +
          'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":1}}\n\n' +
          'event: message_stop\ndata: {"type":"message_stop"}\n\n';
    world.server.enqueue({ fault: { kind: 'raw', contentType: 'text/event-stream', body: noCalls } }, { text: 'Hello at last.' });
    const task = await world.createTask('Confused model', 'Say hello');

    const done = await world.waitForStatus(task.id, 'done', 'failed', 'paused');
    expect(done.agent.status).toBe('done');
    expect(world.server.requests).toHaveLength(2);
    expect(world.timeline(task.id).find((event) => event.kind === 'retry')).toMatchObject({
      message: `The model endpoint ${endpointOf(world.server.url, protocol)} ended its answer (finish reason "tool-calls") without any text or tool call.`,
    });
    expect(done.agent.stepCount).toBe(1);
  });

  it('a stream that ends without a finish reason is retried; its partial text is not sent back as said', async () => {
    const world = await agentWorld({ protocol });
    const unfinished =
      protocol === 'openai'
        ? 'data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"Half a sen"},"finish_reason":null}]}\n\n'
        : 'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":5,"output_tokens":1}}}\n\n' +
          'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n' +
          'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Half a sen"}}\n\n';
    world.server.enqueue({ fault: { kind: 'raw', contentType: 'text/event-stream', body: unfinished } }, { text: 'A whole sentence.' });
    const task = await world.createTask('Cut stream', 'Say something');

    const done = await world.waitForStatus(task.id, 'done', 'failed', 'paused');
    expect(done.agent.status).toBe('done');
    expect(world.timeline(task.id).find((event) => event.kind === 'retry')).toMatchObject({
      message: `The model endpoint ${endpointOf(world.server.url, protocol)} stopped streaming before the answer was finished (no finish reason after 10 characters).`,
    });
    expect(JSON.stringify(world.server.requests[1]?.body)).not.toContain('Half a sen');
    expect(done.agent.stepCount).toBe(1);
  });
});
