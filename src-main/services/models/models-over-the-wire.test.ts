import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { streamText, type LanguageModel } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScriptedModelServer, type ScriptedModelServer, type ScriptedTurn } from '../../testing/scripted-model-server';
import { createFileSecretStore } from '../secrets';
import { expectOk } from '../testing/services-fixture';
import { tempFolder } from '../testing/temp-folders';
import { createModelService, detectOllama, isTransientProviderError, type SettingsStore } from './index';

/**
 * The provider code users run, against real HTTP servers on 127.0.0.1: the scripted model
 * server speaks OpenAI chat completions and Anthropic messages; a closed port stands in for
 * a server that is not running.
 */
(globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;

const KEY = 'sk-wire-test';
let keyed: ScriptedModelServer; // only KEY works; only `known-model` and `claude-known` exist
let open: ScriptedModelServer; // any key, any model
let closedPort: number;

beforeAll(async () => {
  keyed = await startScriptedModelServer({ apiKey: KEY, models: ['known-model', 'claude-known'] });
  open = await startScriptedModelServer();
  closedPort = await freePortThenClose();
});
afterAll(async () => {
  await Promise.all([keyed.close(), open.close()]);
});

function memorySettings(): SettingsStore {
  const raw = new Map<string, string>();
  return {
    get: <T>(key: string) => (raw.has(key) ? (JSON.parse(raw.get(key) as string) as T) : undefined),
    set: (key, value) => void raw.set(key, JSON.stringify(value)),
  };
}

function makeService(env: Record<string, string> = {}, connectionTimeoutMs?: number) {
  const secrets = createFileSecretStore(join(tempFolder('braid-models-'), 'keys.json'));
  return createModelService({ settings: memorySettings(), secrets, env, connectionTimeoutMs });
}

async function freePortThenClose(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Streams one step the way the agent loop does, keeping the text, usage and any error. */
async function streamOnce(model: LanguageModel) {
  // onError: the SDK would otherwise log every scripted failure to the console.
  const result = streamText({ model, prompt: 'Say hello', maxRetries: 0, onError: () => undefined });
  let text = '';
  let usage: { input?: number; output?: number } = {};
  let error: unknown;
  try {
    for await (const part of result.fullStream) {
      if (part.type === 'text-delta') text += part.text;
      if (part.type === 'finish-step') usage = { input: part.usage.inputTokens, output: part.usage.outputTokens };
      if (part.type === 'error') error = part.error;
    }
  } catch (thrown) {
    error = thrown;
  }
  return { text, usage, error };
}

describe('streaming through a resolved model', () => {
  it('an OpenAI-compatible server configured only by environment variables', async () => {
    const service = makeService({ OPENAI_BASE_URL: keyed.openaiBaseURL, OPENAI_API_KEY: KEY, BRAID_MODEL: 'known-model' });
    const resolved = expectOk(await service.resolveModel(undefined, 'implement'));
    keyed.enqueue({ text: 'Hello from the env', usage: { input: 21, output: 5 } });

    const { text, usage, error } = await streamOnce(resolved.model);
    expect(error).toBeUndefined();
    expect(text).toBe('Hello from the env');
    expect(usage).toEqual({ input: 21, output: 5 });
    const request = keyed.requests.at(-1);
    expect(request).toMatchObject({ protocol: 'openai', path: '/v1/chat/completions', body: { model: 'known-model', stream: true } });
    expect(request?.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('Anthropic with the key typed in Settings and a base URL override', async () => {
    const service = makeService();
    expectOk(await service.setApiKey('anthropic', KEY));
    expectOk(await service.saveProvider({ id: 'anthropic', baseURL: keyed.anthropicBaseURL }));
    const resolved = expectOk(await service.resolveModel('anthropic:claude-known', 'plan'));
    expect(resolved.promptCaching).toBe(true);
    keyed.enqueue({ text: ['Plan: ', 'one step'], usage: { input: 40, output: 3 } });

    const { text, usage, error } = await streamOnce(resolved.model);
    expect(error).toBeUndefined();
    expect(text).toBe('Plan: one step');
    expect(usage).toEqual({ input: 40, output: 3 });
    const request = keyed.requests.at(-1);
    expect(request).toMatchObject({ protocol: 'anthropic', path: '/v1/messages', body: { model: 'claude-known' } });
    expect(request?.headers['x-api-key']).toBe(KEY);
  });

  it('a saved keyless endpoint sends no Authorization header', async () => {
    const service = makeService();
    expectOk(await service.saveProvider({ id: 'local-box', baseURL: open.openaiBaseURL, models: ['tiny'] }));
    open.enqueue({ text: 'local' });
    const { text, error } = await streamOnce(expectOk(await service.resolveModel('local-box:tiny', 'review')).model);
    expect(error).toBeUndefined();
    expect(text).toBe('local');
    expect(open.requests.at(-1)?.headers.authorization).toBeUndefined();
  });
});

describe('test connection', () => {
  it('reports the latency of a real one-token request', async () => {
    const service = makeService({ OPENAI_BASE_URL: keyed.openaiBaseURL, OPENAI_API_KEY: KEY });
    keyed.enqueue({ text: 'OK' });
    const result = expectOk(await service.testConnection('openai', 'known-model'));
    expect(result.model).toBe('known-model');
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(keyed.requests.at(-1)?.body).toMatchObject({ model: 'known-model', max_tokens: 1 });
  });

  it('asks for the model list when no model is known yet', async () => {
    const service = makeService({ OPENAI_BASE_URL: keyed.openaiBaseURL, OPENAI_API_KEY: KEY });
    expect(expectOk(await service.testConnection('openai'))).toMatchObject({ model: 'known-model', models: ['known-model', 'claude-known'] });
    const wrongKey = makeService({ OPENAI_BASE_URL: keyed.openaiBaseURL, OPENAI_API_KEY: 'sk-wrong' });
    expect(await wrongKey.testConnection('openai')).toMatchObject({ ok: false, error: { code: 'PROVIDER_AUTH_FAILED' } });
  });

  it('names a bad key', async () => {
    const openai = makeService({ OPENAI_BASE_URL: keyed.openaiBaseURL, OPENAI_API_KEY: 'sk-wrong' });
    const refused = await openai.testConnection('openai', 'known-model');
    expect(refused).toMatchObject({ ok: false, error: { code: 'PROVIDER_AUTH_FAILED', details: { status: 401 } } });
    expect(!refused.ok && refused.error.message).toContain('OpenAI refused the API key (401)');

    const anthropic = makeService({ ANTHROPIC_BASE_URL: keyed.anthropicBaseURL, ANTHROPIC_API_KEY: 'sk-wrong' });
    expect(await anthropic.testConnection('anthropic', 'claude-known')).toMatchObject({ ok: false, error: { code: 'PROVIDER_AUTH_FAILED' } });
  });

  it('names an unknown model', async () => {
    const openai = makeService({ OPENAI_BASE_URL: keyed.openaiBaseURL, OPENAI_API_KEY: KEY });
    const missing = await openai.testConnection('openai', 'gpt-imaginary');
    expect(missing).toMatchObject({ ok: false, error: { code: 'MODEL_NOT_FOUND', details: { status: 404 } } });
    expect(!missing.ok && missing.error.message).toContain('does not know model "gpt-imaginary"');

    const anthropic = makeService({ ANTHROPIC_BASE_URL: keyed.anthropicBaseURL, ANTHROPIC_API_KEY: KEY });
    expect(await anthropic.testConnection('anthropic', 'claude-imaginary')).toMatchObject({ ok: false, error: { code: 'MODEL_NOT_FOUND' } });
  });

  it('names an unreachable server with its URL', async () => {
    const url = `http://127.0.0.1:${closedPort}/v1`;
    const service = makeService();
    expectOk(await service.saveProvider({ id: 'gone', baseURL: url }));
    const unreachable = await service.testConnection('gone', 'any-model');
    expect(unreachable).toMatchObject({ ok: false, error: { code: 'PROVIDER_UNREACHABLE' } });
    expect(!unreachable.ok && unreachable.error.message).toBe(`Cannot reach gone at ${url}: connection refused (is the server running?).`);
    // Without a model it asks for the list, and names the same failure.
    expect(await service.testConnection('gone')).toMatchObject({ ok: false, error: { code: 'PROVIDER_UNREACHABLE' } });
  });

  it('gives up on a server that accepts the request and never answers', async () => {
    const service = makeService({ OPENAI_BASE_URL: open.openaiBaseURL, OPENAI_API_KEY: KEY }, 300);
    open.enqueue({ fault: { kind: 'hang' } });
    const silent = await service.testConnection('openai', 'slow-model');
    expect(silent).toMatchObject({ ok: false, error: { code: 'PROVIDER_UNREACHABLE' } });
    expect(!silent.ok && silent.error.message).toContain(`No answer from OpenAI at ${open.openaiBaseURL} within 300 ms`);
  });

  it('reports other failures with the status and the provider’s message', async () => {
    const service = makeService({ OPENAI_BASE_URL: open.openaiBaseURL, OPENAI_API_KEY: KEY });
    open.enqueue({ fault: { kind: 'status', status: 500 } });
    expect(await service.testConnection('openai', 'any')).toMatchObject({ ok: false, error: { code: 'PROVIDER_ERROR', details: { status: 500 } } });
    expect(await service.testConnection('nope')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await makeService().testConnection('anthropic', 'claude-sonnet-4-5')).toMatchObject({ ok: false, error: { code: 'MODEL_NOT_CONFIGURED' } });
  });
});

describe('transient provider errors, as the agent loop sees them', () => {
  async function failureOf(turn: ScriptedTurn, provider: 'openai' | 'anthropic' = 'openai') {
    const service = makeService({ OPENAI_BASE_URL: open.openaiBaseURL, ANTHROPIC_BASE_URL: open.anthropicBaseURL, OPENAI_API_KEY: KEY, ANTHROPIC_API_KEY: KEY });
    open.enqueue(turn);
    const { error } = await streamOnce(expectOk(await service.resolveModel(`${provider}:any`, 'implement')).model);
    expect(error).toBeDefined();
    return isTransientProviderError(error);
  }

  it('retries 429 after the Retry-After the server sent', async () => {
    expect(await failureOf({ fault: { kind: 'status', status: 429, retryAfterSeconds: 3 } })).toEqual({ transient: true, retryAfterMs: 3000 });
  });

  it('retries 500, a connection cut mid-stream and a malformed chunk', async () => {
    expect((await failureOf({ fault: { kind: 'status', status: 500 } })).transient).toBe(true);
    expect((await failureOf({ text: 'partial answer that is cut', fault: { kind: 'cut-mid-stream', afterChunks: 2 } })).transient).toBe(true);
    expect((await failureOf({ text: 'partial answer', fault: { kind: 'malformed-chunk', afterChunks: 2 } })).transient).toBe(true);
  });

  it('retries Anthropic’s 529 overloaded and its broken streams too', async () => {
    expect(await failureOf({ fault: { kind: 'status', status: 529, retryAfterSeconds: 1 } }, 'anthropic')).toEqual({ transient: true, retryAfterMs: 1000 });
    expect((await failureOf({ text: 'partial answer that is cut', fault: { kind: 'cut-mid-stream', afterChunks: 2 } }, 'anthropic')).transient).toBe(true);
    expect((await failureOf({ text: 'partial answer', fault: { kind: 'malformed-chunk', afterChunks: 2 } }, 'anthropic')).transient).toBe(true);
    expect(await failureOf({ fault: { kind: 'status', status: 404 } }, 'anthropic')).toEqual({ transient: false });
  });

  it('does not retry a bad request or a bad key', async () => {
    expect(await failureOf({ fault: { kind: 'status', status: 400 } })).toEqual({ transient: false });
    expect(await failureOf({ fault: { kind: 'status', status: 401 } })).toEqual({ transient: false });
  });
});

describe('Ollama detection', () => {
  let fakeOllama: Server;
  let fakeOllamaURL: string;
  beforeAll(async () => {
    fakeOllama = createServer((request, response) => {
      if (request.url !== '/api/tags') return void response.writeHead(404).end();
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ models: [{ name: 'qwen3-coder:30b', model: 'qwen3-coder:30b' }, { name: 'llama3.2:latest' }] }));
    });
    await new Promise<void>((resolve) => fakeOllama.listen(0, '127.0.0.1', resolve));
    fakeOllamaURL = `http://127.0.0.1:${(fakeOllama.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => fakeOllama.close(() => resolve())));

  it('lists the installed models when Ollama answers', async () => {
    expect(await detectOllama({ baseURL: fakeOllamaURL })).toEqual({ available: true, models: ['qwen3-coder:30b', 'llama3.2:latest'] });
    const service = createModelService({ settings: memorySettings(), secrets: createFileSecretStore(join(tempFolder(), 'k.json')), env: {}, ollamaURL: fakeOllamaURL });
    expect((await service.detectOllama()).available).toBe(true);
  });

  it('says unavailable when nothing listens or something else answers', async () => {
    expect(await detectOllama({ baseURL: `http://127.0.0.1:${closedPort}` })).toEqual({ available: false, models: [] });
    expect(await detectOllama({ baseURL: open.url })).toEqual({ available: false, models: [] });
  });
});
