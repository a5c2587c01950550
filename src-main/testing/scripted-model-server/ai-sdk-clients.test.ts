import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { APICallError, streamText, tool } from 'ai';
import type { LanguageModel, TextStreamPart, ToolSet } from 'ai';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { startScriptedModelServer } from './index';
import type { ScriptedModelServer } from './index';

/**
 * The fixture is only useful if the providers' real SDKs accept what it streams. These tests drive
 * it through the AI SDK exactly as the agent runtime does.
 */
const API_KEY = 'sk-scripted-test';

// The SDKs log a warning for unknown model ids; it is noise here.
(globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;

let server: ScriptedModelServer;
beforeAll(async () => {
  server = await startScriptedModelServer({ apiKey: API_KEY });
});
afterAll(async () => {
  await server.close();
});

const tools = {
  write_file: tool({ description: 'Write a file', inputSchema: z.object({ path: z.string(), content: z.string() }) }),
};

interface Drained {
  parts: TextStreamPart<ToolSet>[];
  thrown: unknown;
}

/** Reads the whole stream the way the agent loop does; a thrown iteration error is kept, not rethrown. */
async function drain(result: { fullStream: AsyncIterable<TextStreamPart<ToolSet>> }): Promise<Drained> {
  const parts: TextStreamPart<ToolSet>[] = [];
  try {
    for await (const part of result.fullStream) parts.push(part);
    return { parts, thrown: undefined };
  } catch (error) {
    return { parts, thrown: error };
  }
}

function textDeltas(parts: TextStreamPart<ToolSet>[]): string[] {
  return parts.flatMap((part) => (part.type === 'text-delta' ? [part.text] : []));
}

function streamErrors(drained: Drained): unknown[] {
  const errors = drained.parts.flatMap((part) => (part.type === 'error' ? [part.error] : []));
  return drained.thrown === undefined ? errors : [...errors, drained.thrown];
}

const clients: { name: string; protocol: 'openai' | 'openai-responses' | 'anthropic'; model: () => LanguageModel }[] = [
  {
    name: 'OpenAI chat completions (@ai-sdk/openai .chat)',
    protocol: 'openai',
    // `openai(id)` targets the Responses API; Chat Completions is what the fixture (and every local server) speaks.
    model: () => createOpenAI({ baseURL: server.openaiBaseURL, apiKey: API_KEY }).chat('gpt-scripted'),
  },
  {
    name: 'OpenAI Responses API (@ai-sdk/openai .responses)',
    protocol: 'openai-responses',
    // The only API of OpenAI's codex-tuned models; Braid's OpenAI provider uses it on OpenAI's own API.
    model: () => createOpenAI({ baseURL: server.openaiBaseURL, apiKey: API_KEY }).responses('gpt-5-codex'),
  },
  {
    name: 'Anthropic messages (@ai-sdk/anthropic)',
    protocol: 'anthropic',
    model: () => createAnthropic({ baseURL: server.anthropicBaseURL, apiKey: API_KEY })('claude-scripted'),
  },
];

describe.each(clients)('$name', ({ protocol, model }) => {
  it('streams text in order and sends the key the provider expects', async () => {
    server.enqueue({ text: ['Hel', 'lo, ', 'wor', 'ld', '!'], chunkDelayMs: 2 });
    const { parts, thrown } = await drain(streamText({ model: model(), prompt: 'Say hello', maxRetries: 0 }));

    expect(thrown).toBeUndefined();
    expect(textDeltas(parts).filter((text) => text !== '')).toEqual(['Hel', 'lo, ', 'wor', 'ld', '!']);
    const request = server.requests.at(-1);
    expect(request?.protocol).toBe(protocol);
    expect(request?.body.stream).toBe(true);
    if (protocol !== 'anthropic') expect(request?.headers['authorization']).toBe(`Bearer ${API_KEY}`);
    else expect(request?.headers['x-api-key']).toBe(API_KEY);
  });

  it('delivers a tool call with its parsed arguments and finishes with tool-calls', async () => {
    const args = { path: 'src/hello.ts', content: 'export const greeting = "hello from a long enough file";\n' };
    server.enqueue({ text: 'Writing it.', toolCalls: [{ id: 'call-fixed-1', name: 'write_file', args }] });
    const result = streamText({ model: model(), prompt: 'Write hello.ts', tools, maxRetries: 0 });
    await drain(result);

    expect(await result.toolCalls).toEqual([expect.objectContaining({ toolCallId: 'call-fixed-1', toolName: 'write_file', input: args })]);
    expect(await result.text).toBe('Writing it.');
    expect(await result.finishReason).toBe('tool-calls');
  });

  it('reports input, output and cached tokens', async () => {
    server.enqueue({ text: 'ok', usage: { input: 1200, output: 30, cached: 1000 } });
    const result = streamText({ model: model(), prompt: 'Usage please', maxRetries: 0 });
    await drain(result);

    const usage = await result.usage;
    expect(usage.inputTokens).toBe(1200);
    expect(usage.outputTokens).toBe(30);
    expect(usage.inputTokenDetails.cacheReadTokens).toBe(1000);
    expect(usage.inputTokenDetails.noCacheTokens).toBe(200);
  });

  it.each([
    ['stop', 'stop'],
    ['length', 'length'],
  ] as const)('maps finish %s to %s', async (finish, expected) => {
    server.enqueue({ text: 'cut short', finish });
    const result = streamText({ model: model(), prompt: 'Finish', maxRetries: 0 });
    await drain(result);
    expect(await result.finishReason).toBe(expected);
  });

  it('surfaces a 429 with Retry-After as a retryable APICallError', async () => {
    server.enqueue({ fault: { kind: 'status', status: 429, retryAfterSeconds: 7 } });
    const drained = await drain(streamText({ model: model(), prompt: 'Busy?', maxRetries: 0, onError: () => {} }));

    const [error] = streamErrors(drained);
    expect(APICallError.isInstance(error)).toBe(true);
    const apiError = error as APICallError;
    expect(apiError.statusCode).toBe(429);
    expect(apiError.responseHeaders?.['retry-after']).toBe('7');
    expect(apiError.isRetryable).toBe(true);
  });

  it('surfaces a 500 as a retryable APICallError', async () => {
    server.enqueue({ fault: { kind: 'status', status: 500 } });
    const drained = await drain(streamText({ model: model(), prompt: 'Broken?', maxRetries: 0, onError: () => {} }));

    const [error] = streamErrors(drained);
    expect((error as APICallError).statusCode).toBe(500);
    expect((error as APICallError).isRetryable).toBe(true);
  });

  it('turns a connection cut mid-stream into an error, not a silent short answer', async () => {
    server.enqueue({ text: 'This answer will never be finished by the server', fault: { kind: 'cut-mid-stream', afterChunks: 4 } });
    const result = streamText({ model: model(), prompt: 'Cut', maxRetries: 0, onError: () => {} });
    const drained = await drain(result);

    expect(streamErrors(drained).length).toBeGreaterThan(0);
    expect(drained.parts.some((part) => part.type === 'finish' && part.finishReason === 'stop')).toBe(false);
  });

  it('turns a malformed chunk into an error', async () => {
    server.enqueue({ text: 'Some text before the garbage', fault: { kind: 'malformed-chunk', afterChunks: 4 } });
    const result = streamText({ model: model(), prompt: 'Garbage', maxRetries: 0, onError: () => {} });
    const drained = await drain(result);

    expect(streamErrors(drained).length).toBeGreaterThan(0);
    expect(await result.finishReason).not.toBe('stop');
  });

  it('lets an AbortSignal end a hanging request, and the server lets go of it', async () => {
    server.enqueue({ fault: { kind: 'hang' } });
    const controller = new AbortController();
    const seen = server.requests.length;
    const pending = drain(streamText({ model: model(), prompt: 'Hang', maxRetries: 0, abortSignal: controller.signal, onError: () => {} }));
    await server.waitForRequests(seen + 1);
    expect(server.openStreams).toBe(1);

    controller.abort();
    const drained = await pending;

    expect(drained.parts.some((part) => part.type === 'abort') || drained.thrown !== undefined).toBe(true);
    await vi.waitFor(() => expect(server.openStreams).toBe(0));
  });
});

describe('OpenAI Responses API details', () => {
  it('sends the conversation as input items and the tools as functions, and takes a tool result back', async () => {
    const args = { path: 'a.txt', content: 'A' };
    server.enqueue({ toolCalls: [{ id: 'call_r1', name: 'write_file', args }] }, { text: 'Written.' });
    const model = createOpenAI({ baseURL: server.openaiBaseURL, apiKey: API_KEY }).responses('gpt-5-codex');
    const first = streamText({ model, prompt: 'Write a.txt', tools, maxRetries: 0 });
    await drain(first);
    expect(await first.toolCalls).toEqual([expect.objectContaining({ toolCallId: 'call_r1', toolName: 'write_file', input: args })]);
    const request = server.requests.at(-1)!;
    expect(request).toMatchObject({ protocol: 'openai-responses', path: '/v1/responses', body: { model: 'gpt-5-codex', stream: true, tools: [expect.objectContaining({ type: 'function', name: 'write_file' })] } });

    const second = streamText({
      model,
      messages: [
        { role: 'user', content: 'Write a.txt' },
        { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'call_r1', toolName: 'write_file', input: args }] },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_r1', toolName: 'write_file', output: { type: 'text', value: 'Created a.txt' } }] },
      ],
      tools,
      maxRetries: 0,
    });
    await drain(second);
    expect(await second.text).toBe('Written.');
    const input = server.requests.at(-1)!.body.input as { type?: string; call_id?: string; output?: unknown }[];
    expect(input.find((item) => item.type === 'function_call_output')).toMatchObject({ call_id: 'call_r1', output: 'Created a.txt' });
  });

  it('answers a request without streaming as one response object', async () => {
    server.enqueue({ text: 'All at once.', usage: { input: 10, output: 3 } });
    const { generateText } = await import('ai');
    const result = await generateText({ model: createOpenAI({ baseURL: server.openaiBaseURL, apiKey: API_KEY }).responses('gpt-5-codex'), prompt: 'Hi', maxRetries: 0 });
    expect(result.text).toBe('All at once.');
    expect(result.usage.inputTokens).toBe(10);
  });
});

describe('OpenAI-compatible endpoints (@ai-sdk/openai-compatible)', () => {
  it('streams text, a tool call and usage like a local server would', async () => {
    const local = createOpenAICompatible({ baseURL: server.openaiBaseURL, name: 'local', apiKey: API_KEY, includeUsage: true });
    server.enqueue({
      text: 'Let me write that.',
      toolCalls: [{ name: 'write_file', args: { path: 'a.txt', content: 'A' } }],
      usage: { input: 50, output: 12 },
    });
    const result = streamText({ model: local('qwen-scripted'), prompt: 'Write a.txt', tools, maxRetries: 0 });
    const { thrown } = await drain(result);

    expect(thrown).toBeUndefined();
    expect(await result.text).toBe('Let me write that.');
    expect(await result.toolCalls).toEqual([expect.objectContaining({ toolName: 'write_file', input: { path: 'a.txt', content: 'A' } })]);
    expect((await result.usage).inputTokens).toBe(50);
    expect(server.requests.at(-1)?.body.stream_options).toEqual({ include_usage: true });
  });
});
