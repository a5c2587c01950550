import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { taskRoles } from '../../../src-shared/contract';
import { createFileSecretStore } from '../secrets';
import { expectOk } from '../testing/services-fixture';
import { tempFolder } from '../testing/temp-folders';
import { createModelService, type ModelServiceOptions, type SettingsStore } from './index';

/** Settings kept as JSON text, like the SQLite-backed store, so nothing leaks by reference. */
function memorySettings(): SettingsStore & { raw: Map<string, string> } {
  const raw = new Map<string, string>();
  return {
    raw,
    get: <T>(key: string) => (raw.has(key) ? (JSON.parse(raw.get(key) as string) as T) : undefined),
    set: (key, value) => void raw.set(key, JSON.stringify(value)),
  };
}

function makeService(env: Record<string, string> = {}, overrides: Partial<ModelServiceOptions> = {}) {
  const secretsFile = join(tempFolder('braid-models-'), 'secrets', 'keys.json');
  const settings = memorySettings();
  const secrets = createFileSecretStore(secretsFile);
  const service = createModelService({ settings, secrets, env, ...overrides });
  return { service, settings, secrets, secretsFile };
}

describe('model service: choosing a model', () => {
  it('gives every role a model from OPENAI_BASE_URL + OPENAI_API_KEY + BRAID_MODEL alone', async () => {
    const { service } = makeService({ OPENAI_BASE_URL: 'http://127.0.0.1:9/v1/', OPENAI_API_KEY: 'sk-env', BRAID_MODEL: 'gpt-4o-mini' });
    for (const role of taskRoles) {
      const resolved = expectOk(await service.resolveModel(undefined, role));
      expect(resolved).toMatchObject({ ref: 'openai:gpt-4o-mini', providerId: 'openai', modelId: 'gpt-4o-mini', source: 'env', promptCaching: false });
      expect(resolved.info.contextWindow).toBe(128_000);
    }
    const openai = (await service.listProviders()).find((provider) => provider.id === 'openai');
    expect(openai).toMatchObject({ configured: true, keySource: 'env', keyEnvVar: 'OPENAI_API_KEY', baseURL: 'http://127.0.0.1:9/v1', baseURLSource: 'env', models: ['gpt-4o-mini'] });
    expect((await service.roleDefaults()).map((entry) => [entry.role, entry.ref, entry.source])).toEqual(taskRoles.map((role) => [role, 'openai:gpt-4o-mini', 'env']));
  });

  it('works against a keyless local server named only by OPENAI_BASE_URL', async () => {
    const { service } = makeService({ OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', BRAID_MODEL: 'qwen3-coder:30b' });
    expect(expectOk(await service.resolveModel(null, 'implement')).ref).toBe('openai:qwen3-coder:30b');
  });

  it('reads BRAID_MODEL as a full reference or guesses the vendor from the name', async () => {
    const full = makeService({ ANTHROPIC_API_KEY: 'a', OPENAI_API_KEY: 'o', BRAID_MODEL: 'anthropic:claude-haiku-4-5' }).service;
    expect(expectOk(await full.resolveModel(undefined, 'plan')).ref).toBe('anthropic:claude-haiku-4-5');
    const bare = makeService({ ANTHROPIC_API_KEY: 'a', OPENAI_API_KEY: 'o', BRAID_MODEL: 'claude-opus-4-5' }).service;
    const resolved = expectOk(await bare.resolveModel(undefined, 'plan'));
    expect(resolved).toMatchObject({ ref: 'anthropic:claude-opus-4-5', promptCaching: true });
    expect(resolved.info.price?.input).toBe(5);
  });

  it('uses the first keyed provider when nothing names a model, and says what to do when none is', async () => {
    const keyed = makeService({ GEMINI_API_KEY: 'g' }).service;
    expect(expectOk(await keyed.resolveModel(undefined, 'review'))).toMatchObject({ ref: 'google:gemini-2.5-pro', source: 'automatic' });

    const empty = makeService().service;
    const none = await empty.resolveModel(undefined, 'implement');
    expect(none).toMatchObject({ ok: false, error: { code: 'MODEL_NOT_CONFIGURED' } });
    expect(!none.ok && none.error.message).toMatch(/implement role.*BRAID_MODEL/);
    expect((await empty.roleDefaults()).every((entry) => entry.ref === null && entry.source === 'none')).toBe(true);
  });

  it('prefers the task’s model, then the role default from Settings, then the environment', async () => {
    const { service } = makeService({ OPENAI_API_KEY: 'o', ANTHROPIC_API_KEY: 'a', BRAID_MODEL: 'openai:gpt-5' });
    expectOk(await service.setRoleDefault('review', 'anthropic:claude-opus-4-5'));
    expect(expectOk(await service.resolveModel(undefined, 'review'))).toMatchObject({ ref: 'anthropic:claude-opus-4-5', source: 'role-default' });
    expect(expectOk(await service.resolveModel(undefined, 'implement'))).toMatchObject({ ref: 'openai:gpt-5', source: 'env' });
    expect(expectOk(await service.resolveModel('openai:o3', 'review'))).toMatchObject({ ref: 'openai:o3', source: 'explicit' });
    const cleared = expectOk(await service.setRoleDefault('review', null));
    expect(cleared.find((entry) => entry.role === 'review')).toEqual({ role: 'review', ref: 'openai:gpt-5', source: 'env' });
  });

  it('explains bad references, unknown providers, missing keys and switched-off providers', async () => {
    const { service } = makeService({ OPENAI_API_KEY: 'o' });
    expect(await service.resolveModel('gpt-4o', 'plan')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('<provider>:<model>') } });
    expect(await service.resolveModel('openai:', 'plan')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await service.resolveModel('Nope Provider:x', 'plan')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await service.resolveModel('nope:x', 'plan')).toMatchObject({
      ok: false,
      error: { code: 'MODEL_NOT_CONFIGURED', message: expect.stringContaining('Known providers: anthropic, openai, google, moonshot, ollama') },
    });
    expect(await service.resolveModel('anthropic:claude-sonnet-4-5', 'plan')).toMatchObject({
      ok: false,
      error: { code: 'MODEL_NOT_CONFIGURED', message: expect.stringContaining('set ANTHROPIC_API_KEY or enter one in Settings → Models') },
    });
    expectOk(await service.saveProvider({ id: 'openai', enabled: false }));
    expect(await service.resolveModel('openai:gpt-5', 'plan')).toMatchObject({ ok: false, error: { code: 'MODEL_NOT_CONFIGURED', message: expect.stringContaining('turned off') } });
    expect(await service.setRoleDefault('plan', 'nope:x')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('resolves a preset like ollama:qwen3-coder without any setup, since local servers need no key', async () => {
    const { service } = makeService();
    const resolved = expectOk(await service.resolveModel('ollama:qwen3-coder:30b', 'implement'));
    expect(resolved).toMatchObject({ providerId: 'ollama', modelId: 'qwen3-coder:30b', kind: 'openai-compatible' });
    expect(resolved.info.price).toBeNull();
    expect(service.describeModel('openai:gpt-4.1').contextWindow).toBe(1_047_576);
  });
});

describe('model service: keys and providers', () => {
  it('keeps a typed key in the secret store only, and never hands it back', async () => {
    const { service, settings, secretsFile } = makeService({ OPENAI_API_KEY: 'sk-from-env' });
    const status = expectOk(await service.setApiKey('anthropic', '  sk-ant-typed-123 \n'));
    expect(status).toMatchObject({ id: 'anthropic', configured: true, keySource: 'settings', problem: null });

    const listed = JSON.stringify(await service.listProviders());
    expect(listed).not.toContain('sk-ant-typed-123');
    expect(listed).not.toContain('sk-from-env');
    expect([...settings.raw.values()].join('')).not.toContain('sk-ant-typed-123');
    expect(readFileSync(secretsFile, 'utf8')).toContain('sk-ant-typed-123');

    // A restart reads it back from the store.
    const restarted = createModelService({ settings, secrets: createFileSecretStore(secretsFile), env: {} });
    expect(expectOk(await restarted.resolveModel('anthropic:claude-sonnet-4-5', 'plan')).ref).toBe('anthropic:claude-sonnet-4-5');

    // A saved key wins over the environment; removing it falls back to the environment.
    expect(expectOk(await service.setApiKey('openai', 'sk-typed'))).toMatchObject({ keySource: 'settings' });
    expect(expectOk(await service.removeApiKey('openai'))).toMatchObject({ keySource: 'env', keyEnvVar: 'OPENAI_API_KEY' });
    expect(expectOk(await service.removeApiKey('anthropic'))).toMatchObject({ keySource: 'none', configured: false });
  });

  it('refuses keys that are empty or contain spaces, and providers that do not exist', async () => {
    const { service } = makeService();
    expect(await service.setApiKey('openai', '   ')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await service.setApiKey('openai', 'sk-one sk-two')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await service.setApiKey('nope', 'sk')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('adds, edits and removes OpenAI-compatible endpoints', async () => {
    const { service, secrets } = makeService();
    expect(await service.saveProvider({ id: 'my-vllm' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('needs a base URL') } });
    expect(await service.saveProvider({ id: 'my-vllm', baseURL: 'ftp://gpu-box/v1' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await service.saveProvider({ id: 'has:colon', baseURL: 'http://gpu-box:8000/v1' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    const saved = expectOk(await service.saveProvider({ id: 'my-vllm', label: 'GPU box', baseURL: 'http://gpu-box:8000/v1/', models: ['qwen3-coder'] }));
    expect(saved).toMatchObject({ kind: 'openai-compatible', label: 'GPU box', baseURL: 'http://gpu-box:8000/v1', configured: true, keyRequired: false, models: ['qwen3-coder'] });
    expectOk(await service.setApiKey('my-vllm', 'vllm-token'));
    expect(expectOk(await service.saveProvider({ id: 'my-vllm', models: ['qwen3-coder', 'glm-4.6'] }))).toMatchObject({ label: 'GPU box', keySource: 'settings', models: ['qwen3-coder', 'glm-4.6'] });
    expect((await service.listProviders()).map((provider) => provider.id)).toEqual(['anthropic', 'openai', 'google', 'moonshot', 'my-vllm']);

    expectOk(await service.removeProvider('my-vllm'));
    expect(await secrets.list()).toEqual([]);
    expect((await service.listProviders()).map((provider) => provider.id)).not.toContain('my-vllm');
    expect(await service.removeProvider('my-vllm')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('overrides a built-in base URL in Settings and restores the default with null', async () => {
    const { service } = makeService({ OPENAI_API_KEY: 'o' });
    expect(expectOk(await service.saveProvider({ id: 'openai', baseURL: 'http://proxy.internal/v1' }))).toMatchObject({ baseURL: 'http://proxy.internal/v1', baseURLSource: 'settings' });
    expect(expectOk(await service.saveProvider({ id: 'openai', baseURL: null }))).toMatchObject({ baseURL: 'https://api.openai.com/v1', baseURLSource: 'default' });
    expect(service.listPresets().map((preset) => [preset.id, preset.baseURL])).toEqual([
      ['ollama', 'http://127.0.0.1:11434/v1'],
      ['lmstudio', 'http://127.0.0.1:1234/v1'],
      ['vllm', 'http://127.0.0.1:8000/v1'],
      ['openrouter', 'https://openrouter.ai/api/v1'],
    ]);
  });

  it('lists a preset once it gets a key', async () => {
    const { service } = makeService();
    expect((await service.listProviders()).some((provider) => provider.id === 'openrouter')).toBe(false);
    expect(expectOk(await service.setApiKey('openrouter', 'or-key'))).toMatchObject({ id: 'openrouter', preset: 'openrouter', configured: true, keySource: 'settings' });
    expect((await service.listProviders()).some((provider) => provider.id === 'openrouter')).toBe(true);
  });

  it.runIf(process.platform !== 'win32')('says the secrets file is unsafe instead of silently losing keys, and recovers after chmod', async () => {
    const { service, secretsFile } = makeService();
    expectOk(await service.setApiKey('anthropic', 'sk-ant'));
    chmodSync(secretsFile, 0o644);
    const fresh = createModelService({ settings: memorySettings(), secrets: createFileSecretStore(secretsFile), env: {} });

    const anthropic = (await fresh.listProviders()).find((provider) => provider.id === 'anthropic');
    expect(anthropic?.problem).toContain(`chmod 600 "${secretsFile}"`);
    expect(await fresh.resolveModel('anthropic:claude-sonnet-4-5', 'plan')).toMatchObject({ ok: false, error: { code: 'SECRETS_UNREADABLE' } });
    expect(await fresh.setApiKey('openai', 'sk-o')).toMatchObject({ ok: false, error: { code: 'SECRETS_UNREADABLE' } });

    chmodSync(secretsFile, 0o600);
    expect(expectOk(await fresh.resolveModel('anthropic:claude-sonnet-4-5', 'plan')).providerId).toBe('anthropic');
  });
});
