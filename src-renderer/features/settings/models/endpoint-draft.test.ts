import { describe, expect, it } from 'vitest';
import { customPreset, draftForPreset, parseModelIds, providerInputFromDraft, type EndpointDraft, type ProviderPreset } from './endpoint-draft';

const presets: ProviderPreset[] = [
  { id: 'ollama', label: 'Ollama', baseURL: 'http://127.0.0.1:11434/v1', keyRequired: false },
  { id: 'lmstudio', label: 'LM Studio', baseURL: 'http://127.0.0.1:1234/v1', keyRequired: false },
  { id: 'openrouter', label: 'OpenRouter', baseURL: 'https://openrouter.ai/api/v1', keyRequired: true },
];
const builtIns = ['anthropic', 'openai', 'google', 'moonshot'];

describe('draftForPreset', () => {
  it('fills id, label and URL from the preset and keeps the model ids typed so far', () => {
    expect(draftForPreset('lmstudio', presets, 'qwen')).toEqual({
      preset: 'lmstudio',
      id: 'lmstudio',
      label: 'LM Studio',
      baseURL: 'http://127.0.0.1:1234/v1',
      models: 'qwen',
    });
  });

  it('starts a custom endpoint (or an unknown preset) empty', () => {
    expect(draftForPreset(customPreset, presets)).toEqual({ preset: 'custom', id: '', label: '', baseURL: '', models: '' });
    expect(draftForPreset('nope', presets).preset).toBe('custom');
  });
});

describe('providerInputFromDraft', () => {
  const parse = (draft: EndpointDraft, existing = builtIns) => providerInputFromDraft(draft, presets, existing);

  it('sends only the id for an untouched preset, so the host keeps its default URL and label', () => {
    expect(parse(draftForPreset('ollama', presets))).toEqual({ ok: true, input: { id: 'ollama' } });
    expect(parse({ ...draftForPreset('ollama', presets), baseURL: 'http://127.0.0.1:11434/v1/' })).toEqual({ ok: true, input: { id: 'ollama' } });
  });

  it('sends a preset with another URL, label and models', () => {
    const draft = { ...draftForPreset('ollama', presets), label: 'Ollama (GPU box)', baseURL: 'http://10.0.0.5:11434/v1', models: 'qwen3-coder:30b, llama3.3\ngpt-oss:20b' };
    expect(parse(draft)).toEqual({
      ok: true,
      input: { id: 'ollama', label: 'Ollama (GPU box)', baseURL: 'http://10.0.0.5:11434/v1', models: ['qwen3-coder:30b', 'llama3.3', 'gpt-oss:20b'] },
    });
  });

  it('treats a renamed preset as a custom endpoint with the typed URL', () => {
    const draft = { ...draftForPreset('vllm-like', presets), id: 'gpu', baseURL: 'http://127.0.0.1:8000/v1' };
    expect(parse(draft)).toEqual({ ok: true, input: { id: 'gpu', baseURL: 'http://127.0.0.1:8000/v1' } });
    const renamedOllama = { ...draftForPreset('ollama', presets), id: 'ollama2' };
    expect(parse(renamedOllama)).toEqual({ ok: true, input: { id: 'ollama2', label: 'Ollama', baseURL: 'http://127.0.0.1:11434/v1' } });
  });

  it.each<[string, Partial<EndpointDraft>, string]>([
    ['an empty id', { id: ' ' }, 'The id is lower-case'],
    ['an upper-case id', { id: 'MyServer', baseURL: 'http://x' }, 'The id is lower-case'],
    ['an id with a colon', { id: 'a:b', baseURL: 'http://x' }, 'The id is lower-case'],
    ['an id starting with a dot', { id: '.x', baseURL: 'http://x' }, 'The id is lower-case'],
    ['an id over 64 characters', { id: 'a'.repeat(65), baseURL: 'http://x' }, 'The id is lower-case'],
    ['a built-in id', { id: 'openai', baseURL: 'http://x' }, '"openai" is already in the list'],
    ['a custom endpoint without URL', { id: 'gpu' }, 'needs its base URL'],
    ['a URL without scheme', { id: 'gpu', baseURL: '127.0.0.1:8000/v1' }, 'must be an http:// or https:// URL'],
    ['a file: URL', { id: 'gpu', baseURL: 'file:///etc/passwd' }, 'must be an http:// or https:// URL'],
    ['a model id with a space', { id: 'gpu', baseURL: 'http://x', models: 'llama 3' }, 'contains a space'],
    ['an overlong model id', { id: 'gpu', baseURL: 'http://x', models: 'm'.repeat(201) }, 'longer than 200'],
    ['too many model ids', { id: 'gpu', baseURL: 'http://x', models: Array.from({ length: 501 }, (_, i) => `m${i}`).join(',') }, 'At most 500'],
    ['an overlong label', { id: 'gpu', baseURL: 'http://x', label: 'l'.repeat(81) }, 'longer than 80'],
  ])('refuses %s', (_label, change, message) => {
    const result = parse({ ...draftForPreset(customPreset, presets), ...change });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});

describe('parseModelIds', () => {
  it('splits on commas and lines, trims, and drops blanks and repeats', () => {
    expect(parseModelIds(' a , b,,\r\nc\n a ,')).toEqual({ ok: true, models: ['a', 'b', 'c'] });
    expect(parseModelIds('')).toEqual({ ok: true, models: [] });
  });
});
