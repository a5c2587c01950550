import { afterEach, describe, expect, it } from 'vitest';
import { startScriptedModelServer } from './index';
import type { ScriptedModelServer, ScriptedModelServerOptions } from './index';

/** Wire-level behaviour the SDK tests do not reach: routing, auth, scripting, non-streaming, shutdown. */
let server: ScriptedModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: ScriptedModelServerOptions = {}): Promise<ScriptedModelServer> {
  server = await startScriptedModelServer(options);
  return server;
}

function post(url: string, body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), signal });
}

/** The `data:` payloads of an SSE body, in order. */
function sseData(body: string): string[] {
  return body
    .split('\n\n')
    .flatMap((frame) => frame.split('\n').filter((line) => line.startsWith('data: ')))
    .map((line) => line.slice('data: '.length));
}

describe('startScriptedModelServer', () => {
  it('refuses a wrong key in each provider’s error shape and still records the request', async () => {
    const s = await start({ apiKey: 'right' });

    const openai = await post(`${s.openaiBaseURL}/chat/completions`, { model: 'm', messages: [] }, { authorization: 'Bearer wrong' });
    const anthropic = await post(`${s.anthropicBaseURL}/messages`, { model: 'm', messages: [] }, { 'x-api-key': 'wrong' });

    expect(openai.status).toBe(401);
    expect(await openai.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'invalid_api_key' } });
    expect(anthropic.status).toBe(401);
    expect(await anthropic.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
    expect(s.requests.map((request) => [request.protocol, request.path, request.headers['x-api-key'] ?? request.headers['authorization']])).toEqual([
      ['openai', '/v1/chat/completions', 'Bearer wrong'],
      ['anthropic', '/v1/messages', 'wrong'],
    ]);
  });

  it('lists its models and answers unknown ones with model_not_found', async () => {
    const s = await start({ models: ['alpha', 'beta'] });

    const list = (await (await fetch(`${s.openaiBaseURL}/models`)).json()) as { data: { id: string }[] };
    const unknown = await post(`${s.openaiBaseURL}/chat/completions`, { model: 'gamma', messages: [] });
    const unknownAnthropic = await post(`${s.anthropicBaseURL}/messages`, { model: 'gamma', messages: [] });

    expect(list.data.map((model) => model.id)).toEqual(['alpha', 'beta']);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'model_not_found' } });
    expect(unknownAnthropic.status).toBe(404);
    expect(await unknownAnthropic.json()).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
  });

  it('serves queued turns first, then asks the script, and says so when neither has a turn', async () => {
    const s = await start();
    s.enqueue({ text: 'first' }, { text: 'second' });
    s.script((request) => (request.body.messages[0].content === 'scripted' ? { text: 'from script' } : undefined));
    const ask = async (content: string) => {
      const response = await post(`${s.openaiBaseURL}/chat/completions`, { model: 'm', messages: [{ role: 'user', content }] });
      return { status: response.status, body: (await response.json()) as { choices?: { message: { content: string } }[]; error?: { message: string } } };
    };

    const answers = [await ask('scripted'), await ask('scripted'), await ask('scripted'), await ask('other')];

    expect(answers.slice(0, 3).map((answer) => answer.body.choices?.[0]?.message.content)).toEqual(['first', 'second', 'from script']);
    expect(answers[3]?.status).toBe(400);
    expect(answers[3]?.body.error?.message).toMatch(/no turn is queued/);
  });

  it('answers non-streaming requests with one JSON completion in each protocol', async () => {
    const s = await start();
    const turn = { text: 'Done.', toolCalls: [{ id: 'c1', name: 'echo', args: { text: 'hi' } }], usage: { input: 10, output: 5, cached: 4 } };
    s.enqueue(turn, turn);

    const openai = await (await post(`${s.openaiBaseURL}/chat/completions`, { model: 'm', messages: [] })).json();
    const anthropic = await (await post(`${s.anthropicBaseURL}/messages`, { model: 'm', messages: [], max_tokens: 10 })).json();

    expect(openai).toMatchObject({
      object: 'chat.completion',
      choices: [{ message: { content: 'Done.', tool_calls: [{ id: 'c1', function: { name: 'echo', arguments: '{"text":"hi"}' } }] }, finish_reason: 'tool_calls' }],
      usage: { prompt_tokens: 10, completion_tokens: 5, prompt_tokens_details: { cached_tokens: 4 } },
    });
    expect(anthropic).toMatchObject({
      type: 'message',
      content: [{ type: 'text', text: 'Done.' }, { type: 'tool_use', id: 'c1', name: 'echo', input: { text: 'hi' } }],
      stop_reason: 'tool_use',
      usage: { input_tokens: 6, cache_read_input_tokens: 4, output_tokens: 5 },
    });
  });

  it('sends the usage chunk only when the client asks for it, and ends with [DONE]', async () => {
    const s = await start();
    s.enqueue({ text: 'ab' }, { text: 'ab' });
    const body = { model: 'm', messages: [], stream: true };

    const without = sseData(await (await post(`${s.openaiBaseURL}/chat/completions`, body)).text());
    const withUsage = sseData(await (await post(`${s.openaiBaseURL}/chat/completions`, { ...body, stream_options: { include_usage: true } })).text());

    expect(without.at(-1)).toBe('[DONE]');
    expect(without.some((data) => data.includes('"usage"'))).toBe(false);
    expect(JSON.parse(withUsage.at(-2) ?? '')).toMatchObject({ choices: [], usage: { total_tokens: expect.any(Number) } });
  });

  it('streams the Responses API as named events in sequence, ending in response.completed or response.incomplete without [DONE]', async () => {
    const s = await start();
    s.enqueue({ text: 'ab', toolCalls: [{ id: 'call_9', name: 'echo', args: { text: 'hi' } }] }, { text: 'cut', finish: 'length' });
    const body = { model: 'gpt-5-codex', input: [], stream: true };
    const events = sseData(await (await post(`${s.openaiBaseURL}/responses`, body)).text()).map((data) => JSON.parse(data) as { type: string; sequence_number: number });
    expect(events.map((event) => event.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
    expect(events.at(-1)).toMatchObject({ response: { status: 'completed', output: [{ type: 'message' }, { type: 'function_call', call_id: 'call_9', name: 'echo', arguments: '{"text":"hi"}' }] } });
    expect(s.requests.at(-1)).toMatchObject({ protocol: 'openai-responses', path: '/v1/responses' });

    const cut = sseData(await (await post(`${s.openaiBaseURL}/responses`, body)).text()).map((data) => JSON.parse(data) as { type: string });
    expect(cut.at(-1)).toMatchObject({ type: 'response.incomplete', response: { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } } });
  });

  it('sustains 32 concurrent paced streams and delivers every chunk of each', async () => {
    const s = await start();
    const chunks = Array.from({ length: 25 }, (_, index) => `<${index}>`);
    s.script(() => ({ text: chunks, chunkDelayMs: 20 })); // 50 chunks per second per stream

    const started = performance.now();
    const bodies = await Promise.all(
      Array.from({ length: 32 }, async () => (await post(`${s.anthropicBaseURL}/messages`, { model: 'm', messages: [], stream: true })).text()),
    );
    const elapsedMs = performance.now() - started;

    for (const body of bodies) {
      const text = sseData(body)
        .map((data) => JSON.parse(data) as { delta?: { text?: string } })
        .map((event) => event.delta?.text ?? '')
        .join('');
      expect(text).toBe(chunks.join(''));
    }
    // 24 pauses of 20 ms each are ~0.5 s; the bound only catches a server that serializes streams.
    expect(elapsedMs).toBeLessThan(8_000);
  });

  it('answers a raw fault with exactly its bytes on both protocols, streaming or not', async () => {
    const s = await start();
    const bytes = Uint8Array.from([0x00, 0xff, 0x1b, 0x80, 0x7f]);
    s.enqueue(
      { fault: { kind: 'raw', contentType: 'text/html', body: '<!doctype html><title>Login</title>' } },
      { fault: { kind: 'raw', contentType: 'application/octet-stream', body: bytes } },
      { fault: { kind: 'raw', contentType: 'text/event-stream', body: '' } },
      { fault: { kind: 'raw', contentType: 'text/plain', body: 'gateway says no', status: 502 } },
    );

    const html = await post(`${s.openaiBaseURL}/chat/completions`, { model: 'm', messages: [], stream: true });
    const binary = await post(`${s.anthropicBaseURL}/messages`, { model: 'm', messages: [], stream: true });
    const empty = await post(`${s.anthropicBaseURL}/messages`, { model: 'm', messages: [], stream: true });
    const plain = await post(`${s.openaiBaseURL}/chat/completions`, { model: 'm', messages: [] });

    expect([html.status, html.headers.get('content-type'), await html.text()]).toEqual([200, 'text/html', '<!doctype html><title>Login</title>']);
    expect([binary.status, binary.headers.get('content-type'), new Uint8Array(await binary.arrayBuffer())]).toEqual([200, 'application/octet-stream', bytes]);
    expect([empty.status, empty.headers.get('content-type'), await empty.text()]).toEqual([200, 'text/event-stream', '']);
    expect([plain.status, await plain.text()]).toEqual([502, 'gateway says no']);
  });

  it('closes promptly while a client hangs on a stream', async () => {
    const s = await start();
    s.enqueue({ fault: { kind: 'hang' }, text: 'never sent' });
    const hanging = post(`${s.openaiBaseURL}/chat/completions`, { model: 'm', messages: [], stream: true }).then((response) => response.text());
    await s.waitForRequests(1);

    await s.close();

    await expect(hanging).rejects.toThrow();
    expect(s.openStreams).toBe(0);
  });

  it('holds a turn until the test releases it, then answers it whole', async () => {
    const s = await start();
    let release!: () => void;
    s.enqueue({ text: 'Released.', heldUntil: new Promise<void>((resolve) => (release = resolve)) });
    let answered = false;
    const response = post(`${s.openaiBaseURL}/chat/completions`, { model: 'm', messages: [] }).then(async (r) => {
      answered = true;
      return (await r.json()) as { choices: { message: { content: string } }[] };
    });
    await s.waitForRequests(1);
    // A second request goes round the event loop several times while the first is held.
    s.enqueue({ text: 'Second.' });
    const second = (await (await post(`${s.openaiBaseURL}/chat/completions`, { model: 'm', messages: [] })).json()) as { choices: { message: { content: string } }[] };
    expect(second.choices[0]?.message.content).toBe('Second.');
    expect(answered).toBe(false);
    release();
    expect((await response).choices[0]?.message.content).toBe('Released.');
  });

  it('answers unknown routes with 404', async () => {
    const s = await start();
    const response = await fetch(`${s.url}/v1/embeddings`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(404);
    expect(s.requests).toEqual([]);
  });
});
