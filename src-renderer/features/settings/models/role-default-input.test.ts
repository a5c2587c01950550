import { describe, expect, it } from 'vitest';
import { modelRefFromInput, roleDefaultSourceText } from './role-default-input';

describe('modelRefFromInput', () => {
  it('clears the default when blank', () => {
    expect(modelRefFromInput('   ')).toEqual({ ok: true, model: null });
  });

  it('accepts <provider>:<model>, including colons in the model id', () => {
    expect(modelRefFromInput(' anthropic:claude-sonnet-4-5 ')).toEqual({ ok: true, model: 'anthropic:claude-sonnet-4-5' });
    expect(modelRefFromInput('ollama:qwen3-coder:30b')).toEqual({ ok: true, model: 'ollama:qwen3-coder:30b' });
  });

  it.each(['claude-sonnet-4-5', ':gpt-5', 'openai:', 'openai: gpt-5', 'open ai:gpt-5', `openai:${'x'.repeat(300)}`])('refuses %j with an example', (text) => {
    const result = modelRefFromInput(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('e.g. anthropic:claude-sonnet-4-5');
  });
});

describe('roleDefaultSourceText', () => {
  it('names each source as Settings shows it', () => {
    expect((['settings', 'env', 'automatic', 'none'] as const).map(roleDefaultSourceText)).toEqual(['from settings', 'from BRAID_MODEL', 'automatic', 'none']);
  });
});
