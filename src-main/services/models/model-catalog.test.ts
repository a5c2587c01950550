import { describe, expect, it } from 'vitest';
import { costOf, defaultContextWindow, lookupModel } from './model-catalog';

describe('model catalog', () => {
  it.each([
    ['claude-sonnet-4-5', 'Claude Sonnet 4.x', 200_000, 3],
    ['claude-sonnet-4-5-20250929', 'Claude Sonnet 4.x', 200_000, 3],
    ['anthropic/claude-sonnet-4.5', 'Claude Sonnet 4.x', 200_000, 3],
    ['claude-opus-4-5', 'Claude Opus 4.5+', 200_000, 5],
    ['claude-opus-4-1-20250805', 'Claude Opus 4/4.1', 200_000, 15],
    ['claude-opus-4-20250514', 'Claude Opus 4/4.1', 200_000, 15],
    ['claude-haiku-4-5', 'Claude Haiku 4.5', 200_000, 1],
    ['gpt-5', 'GPT-5', 400_000, 1.25],
    ['gpt-5-2025-08-07', 'GPT-5', 400_000, 1.25],
    ['gpt-5-mini', 'GPT-5 mini', 400_000, 0.25],
    ['gpt-5.1-codex-mini', 'GPT-5 mini', 400_000, 0.25],
    ['gpt-5.2', 'GPT-5.2', 400_000, 1.75],
    ['gpt-4.1', 'GPT-4.1', 1_047_576, 2],
    ['gpt-4.1-mini-2025-04-14', 'GPT-4.1 mini', 1_047_576, 0.4],
    ['gpt-4o', 'GPT-4o', 128_000, 2.5],
    ['gpt-4o-mini', 'GPT-4o mini', 128_000, 0.15],
    ['openai/gpt-4o-2024-08-06', 'GPT-4o', 128_000, 2.5],
    ['o3', 'o3', 200_000, 2],
    ['o4-mini', 'o4-mini', 200_000, 1.1],
    ['gemini-2.5-pro', 'Gemini 2.5 Pro', 1_048_576, 1.25],
    ['gemini-2.5-flash-lite', 'Gemini 2.5 Flash-Lite', 1_048_576, 0.1],
    ['models/gemini-2.5-flash', 'Gemini 2.5 Flash', 1_048_576, 0.3],
    ['gemini-3-pro-preview', 'Gemini 3 Pro', 1_048_576, 2],
    ['kimi-k2-0905-preview', 'Kimi K2', 262_144, 0.6],
    ['kimi-k2-0711-preview', 'Kimi K2 (0711)', 131_072, 0.6],
    ['kimi-k2-turbo-preview', 'Kimi K2 Turbo', 262_144, 1.15],
  ])('%s is %s with a %i-token window at $%d per million input', (id, family, window, inputPrice) => {
    const info = lookupModel(id);
    expect(info.family).toBe(family);
    expect(info.contextWindow).toBe(window);
    expect(info.price?.input).toBe(inputPrice);
  });

  it('gives an unknown model no price and the default window', () => {
    for (const id of ['qwen3-coder:30b', 'scripted-model', 'llama3.1']) {
      expect(lookupModel(id)).toEqual({ modelId: id, family: null, contextWindow: defaultContextWindow, price: null });
      expect(costOf({ input: 1000, output: 1000, cached: 0 }, lookupModel(id))).toBeNull();
    }
    expect(defaultContextWindow).toBe(128_000);
  });

  it('charges cached input at the cache rate and the rest at the input rate', () => {
    const sonnet = lookupModel('claude-sonnet-4-5');
    // 100k prompt of which 80k from cache: 20k × $3 + 80k × $0.30 + 2k × $15 = 0.06 + 0.024 + 0.03
    expect(costOf({ input: 100_000, output: 2_000, cached: 80_000 }, sonnet)).toBeCloseTo(0.114, 6);
    // Anthropic cache writes cost 1.25× input.
    expect(costOf({ input: 10_000, output: 0, cached: 0, cacheWrite: 10_000 }, sonnet)).toBeCloseTo(0.0375, 6);
    const gpt4o = lookupModel('gpt-4o');
    expect(costOf({ input: 1_000_000, output: 1_000_000, cached: 0 }, gpt4o)).toBeCloseTo(12.5, 6);
    // o3-pro has no cache discount: cached tokens cost full input price.
    expect(costOf({ input: 1_000_000, output: 0, cached: 500_000 }, lookupModel('o3-pro'))).toBeCloseTo(20, 6);
  });

  it('uses the long-prompt tier when one request passes the threshold', () => {
    const pro = lookupModel('gemini-2.5-pro');
    expect(costOf({ input: 200_000, output: 1_000, cached: 0 }, pro)).toBeCloseTo(0.25 + 0.01, 6);
    expect(costOf({ input: 300_000, output: 1_000, cached: 0 }, pro)).toBeCloseTo(0.75 + 0.015, 6);
  });
});
