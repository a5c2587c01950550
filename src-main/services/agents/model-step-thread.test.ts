import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { APICallError } from 'ai';
import { afterAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { startScriptedModelServer, type ScriptedModelServer } from '../../testing/scripted-model-server';
import { createLanguageModel } from '../models/create-language-model';
import { isTransientProviderError } from '../models/transient-error';
import { streamModelStep, type ModelStepInput } from './model-step';
import { ModelStepThread } from './model-step-thread';

const stepFixture = fileURLToPath(new URL('./testing/model-step-fixture.ts', import.meta.url));

const thread = new ModelStepThread();
afterAll(() => thread.stop());

async function scriptedServer(): Promise<ScriptedModelServer> {
  const server = await startScriptedModelServer();
  onTestFinished(() => server.close());
  return server;
}

function stepInput(server: ScriptedModelServer, overrides: Partial<ModelStepInput> = {}): ModelStepInput & { texts: string[] } {
  const texts: string[] = [];
  return {
    model: createLanguageModel({ provider: { id: 'openai', kind: 'openai', baseURL: server.openaiBaseURL }, modelId: 'gpt-4o-mini', apiKey: 'sk-test' }),
    promptCaching: false,
    system: 'You are a test.',
    messages: [{ role: 'user', content: 'List the files.' }],
    tools: [{ name: 'list_dir', description: 'Lists a folder.', inputSchema: { type: 'object', properties: { path: { type: 'string' } } } }],
    signal: new AbortController().signal,
    onText: (text) => texts.push(text),
    texts,
    ...overrides,
  };
}

/** `first` after a moment (the stream opens with a role chunk), then a word every 200 ms for a minute. */
const slowTurn = (first: string) => ({ text: [first, ...Array.from({ length: 300 }, () => ' and')], chunkDelayMs: 200 });

const turn = { text: ['Looking ', 'at the ', 'files.'], toolCalls: [{ id: 'call_1', name: 'list_dir', args: { path: 'src' } }], usage: { input: 120, output: 9, cached: 20 } };

describe('ModelStepThread', () => {
  it('streams a step on its thread with the same text, tool calls and usage as on the calling thread', async () => {
    const server = await scriptedServer();
    server.enqueue(turn, turn);
    const here = stepInput(server);
    const expected = await streamModelStep(here);
    const there = stepInput(server);
    const onThread = thread.run(there);
    expect(onThread).toBeInstanceOf(Promise);
    expect(await onThread).toEqual(expected);
    expect(there.texts.join('')).toBe('Looking at the files.');
    expect(here.texts.join('')).toBe('Looking at the files.');
    expect(server.requests[1]?.body).toEqual(server.requests[0]?.body);
  });

  it('leaves a model it cannot make on the thread (a custom fetch) to the calling thread', async () => {
    const server = await scriptedServer();
    const model = createLanguageModel({ provider: { id: 'openai', kind: 'openai', baseURL: server.openaiBaseURL }, modelId: 'gpt-4o-mini', apiKey: 'sk-test', fetch: globalThis.fetch });
    expect(thread.run(stepInput(server, { model }))).toBeUndefined();
  });

  it('fails a step with the provider’s error as the retry loop reads it', async () => {
    const server = await scriptedServer();
    server.enqueue({ fault: { kind: 'status', status: 429, retryAfterSeconds: 2 } });
    const failure = await thread.run(stepInput(server))!.then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(APICallError.isInstance(failure)).toBe(true);
    expect(isTransientProviderError(failure)).toEqual({ transient: true, retryAfterMs: 2000 });
  });

  it('stops a step mid-stream: the text so far arrives, the request is cancelled, the step ends with the stop reason', async () => {
    const server = await scriptedServer();
    server.enqueue(slowTurn('Thinking about it'));
    const controller = new AbortController();
    const input = stepInput(server, { signal: controller.signal });
    const running = thread.run(input)!;
    await vi.waitFor(() => expect(input.texts.join('')).toMatch(/^Thinking about it/), { timeout: 10_000, interval: 10 });
    const reason = new Error('Stopped by the test');
    controller.abort(reason);
    await expect(running).rejects.toBe(reason);
    await vi.waitFor(() => expect(server.openStreams).toBe(0), { timeout: 10_000, interval: 10 });
  });

  it('fails the steps of a thread that ended, and runs the next step on a new one', async () => {
    const server = await scriptedServer();
    server.enqueue(slowTurn('never finished'), { text: 'Fresh start.' });
    const input = stepInput(server);
    const running = thread.run(input)!;
    await vi.waitFor(() => expect(input.texts.join('')).toMatch(/^never finished/), { timeout: 10_000, interval: 10 });
    await thread.stop();
    await expect(running).rejects.toThrow(/The model stream stopped/);
    const next = stepInput(server);
    expect((await thread.run(next))?.finishReason).toBe('stop');
    expect(next.texts.join('')).toBe('Fresh start.');
  });

  it('does not keep the host running once its steps are done', async () => {
    const host = spawn(process.execPath, ['--import', 'tsx', stepFixture], { stdio: ['ignore', 'pipe', 'inherit'] });
    onTestFinished(() => {
      if (host.exitCode === null && host.signalCode === null) host.kill('SIGKILL');
    });
    let output = '';
    host.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [code] = (await once(host, 'exit')) as [number | null];
    expect(JSON.parse(output)).toEqual({ text: 'Hello from the thread.', finishReason: 'stop' });
    expect(code).toBe(0);
  });
});
