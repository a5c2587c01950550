import { describe, expect, it } from 'vitest';
import { listProviderConfigs } from './provider-config';

const openaiWith = (env: Record<string, string>) => listProviderConfigs([], env).find((config) => config.id === 'openai')!;

describe('which OpenAI API the OpenAI provider speaks', () => {
  it('the Responses API on OpenAI’s own API, Chat Completions on another server behind OPENAI_BASE_URL', () => {
    expect(openaiWith({}).api).toBe('responses');
    expect(openaiWith({ OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' }).api).toBe('chat-completions');
  });

  it('OPENAI_API chooses explicitly (a proxy in front of OpenAI); other providers speak their own API', () => {
    expect(openaiWith({ OPENAI_BASE_URL: 'https://proxy.example/v1', OPENAI_API: 'responses' }).api).toBe('responses');
    expect(openaiWith({ OPENAI_API: 'Chat-Completions' }).api).toBe('chat-completions');
    expect(openaiWith({ OPENAI_API: 'something else' }).api).toBe('responses');
    expect(listProviderConfigs([], {}).find((config) => config.id === 'anthropic')?.api).toBe('native');
  });
});
