/**
 * The price table and context windows, in one place so a price change is a one-line diff.
 * Prices are list prices in USD per million tokens, checked against the providers' pricing
 * pages (Anthropic, OpenAI, Google AI, Moonshot) in early 2026. A model not listed here has no
 * price (cost shows as unknown, never as a guess) and the default window.
 */

export interface ModelPrice {
  input: number;
  output: number;
  /** Reading input from the provider's prompt cache; null when the model has no cache discount. */
  cachedInput: number | null;
  /** Writing the prompt cache (Anthropic charges extra for it); null when free or not reported. */
  cacheWrite: number | null;
  /** Some models cost more per token once one request's prompt passes a size. */
  longPrompt?: { aboveInputTokens: number; input: number; output: number; cachedInput: number | null };
}

export interface ModelInfo {
  modelId: string;
  /** Human label of the family that matched, e.g. "Claude Sonnet 4.5"; null when unknown. */
  family: string | null;
  /** Tokens the model can see in one request (prompt and answer together). */
  contextWindow: number;
  price: ModelPrice | null;
}

export interface TokenUsage {
  /** All prompt tokens of the request(s), cached ones included (the AI SDK's `inputTokens`). */
  input: number;
  output: number;
  /** The part of `input` read from the prompt cache. */
  cached: number;
  /** The part of `input` written to the prompt cache, when the provider reports it. */
  cacheWrite?: number;
}

export const defaultContextWindow = 128_000;

interface CatalogEntry {
  pattern: RegExp;
  family: string;
  contextWindow: number;
  price: ModelPrice;
}

const perMillion = (input: number, output: number, cachedInput: number | null, cacheWrite: number | null = null): ModelPrice => ({
  input,
  output,
  cachedInput,
  cacheWrite,
});
// Anthropic: cache reads cost 0.1x input, 5-minute cache writes 1.25x.
const claude = (input: number, output: number) => perMillion(input, output, input / 10, input * 1.25);

// Matched against the normalised id (lower case, no `vendor/` prefix, dots between digits as
// dashes), first match wins, so more specific patterns come first. Dated snapshots
// (`claude-sonnet-4-5-20250929`, `gpt-4o-2024-08-06`) match their family.
const catalog: CatalogEntry[] = [
  // Anthropic
  { pattern: /^claude-opus-4-[5-9](\D|$)/, family: 'Claude Opus 4.5+', contextWindow: 200_000, price: claude(5, 25) },
  { pattern: /^claude-opus-4/, family: 'Claude Opus 4/4.1', contextWindow: 200_000, price: claude(15, 75) },
  { pattern: /^claude-sonnet-4/, family: 'Claude Sonnet 4.x', contextWindow: 200_000, price: claude(3, 15) },
  { pattern: /^claude-haiku-4/, family: 'Claude Haiku 4.5', contextWindow: 200_000, price: claude(1, 5) },
  { pattern: /^claude-3-7-sonnet/, family: 'Claude Sonnet 3.7', contextWindow: 200_000, price: claude(3, 15) },
  { pattern: /^claude-3-5-haiku/, family: 'Claude Haiku 3.5', contextWindow: 200_000, price: claude(0.8, 4) },

  // OpenAI: GPT-5 family
  { pattern: /^gpt-5-2-pro/, family: 'GPT-5.2 pro', contextWindow: 400_000, price: perMillion(21, 168, null) },
  { pattern: /^gpt-5.*-pro/, family: 'GPT-5 pro', contextWindow: 400_000, price: perMillion(15, 120, null) },
  { pattern: /^gpt-5.*-nano/, family: 'GPT-5 nano', contextWindow: 400_000, price: perMillion(0.05, 0.4, 0.005) },
  { pattern: /^gpt-5.*-mini/, family: 'GPT-5 mini', contextWindow: 400_000, price: perMillion(0.25, 2, 0.025) },
  { pattern: /^gpt-5-2(\D|$)/, family: 'GPT-5.2', contextWindow: 400_000, price: perMillion(1.75, 14, 0.175) },
  { pattern: /^gpt-5/, family: 'GPT-5', contextWindow: 400_000, price: perMillion(1.25, 10, 0.125) },
  // OpenAI: GPT-4.1, GPT-4o
  { pattern: /^gpt-4-1-nano/, family: 'GPT-4.1 nano', contextWindow: 1_047_576, price: perMillion(0.1, 0.4, 0.025) },
  { pattern: /^gpt-4-1-mini/, family: 'GPT-4.1 mini', contextWindow: 1_047_576, price: perMillion(0.4, 1.6, 0.1) },
  { pattern: /^gpt-4-1/, family: 'GPT-4.1', contextWindow: 1_047_576, price: perMillion(2, 8, 0.5) },
  { pattern: /^gpt-4o-mini/, family: 'GPT-4o mini', contextWindow: 128_000, price: perMillion(0.15, 0.6, 0.075) },
  { pattern: /^(gpt-4o|chatgpt-4o)/, family: 'GPT-4o', contextWindow: 128_000, price: perMillion(2.5, 10, 1.25) },
  // OpenAI: o-series reasoning models
  { pattern: /^o3-pro/, family: 'o3-pro', contextWindow: 200_000, price: perMillion(20, 80, null) },
  { pattern: /^o3-mini/, family: 'o3-mini', contextWindow: 200_000, price: perMillion(1.1, 4.4, 0.55) },
  { pattern: /^o3/, family: 'o3', contextWindow: 200_000, price: perMillion(2, 8, 0.5) },
  { pattern: /^o4-mini/, family: 'o4-mini', contextWindow: 200_000, price: perMillion(1.1, 4.4, 0.275) },
  { pattern: /^o1-mini/, family: 'o1-mini', contextWindow: 128_000, price: perMillion(1.1, 4.4, 0.55) },
  { pattern: /^o1/, family: 'o1', contextWindow: 200_000, price: perMillion(15, 60, 7.5) },

  // Google Gemini (the Pro models cost more once a prompt passes 200k tokens)
  {
    pattern: /^gemini-3(-\d+)?-pro/,
    family: 'Gemini 3 Pro',
    contextWindow: 1_048_576,
    price: { ...perMillion(2, 12, 0.2), longPrompt: { aboveInputTokens: 200_000, input: 4, output: 18, cachedInput: 0.4 } },
  },
  { pattern: /^gemini-3(-\d+)?-flash/, family: 'Gemini 3 Flash', contextWindow: 1_048_576, price: perMillion(0.5, 3, 0.05) },
  {
    pattern: /^gemini-2-5-pro/,
    family: 'Gemini 2.5 Pro',
    contextWindow: 1_048_576,
    price: { ...perMillion(1.25, 10, 0.125), longPrompt: { aboveInputTokens: 200_000, input: 2.5, output: 15, cachedInput: 0.25 } },
  },
  { pattern: /^gemini-2-5-flash-lite/, family: 'Gemini 2.5 Flash-Lite', contextWindow: 1_048_576, price: perMillion(0.1, 0.4, 0.01) },
  { pattern: /^gemini-2-5-flash/, family: 'Gemini 2.5 Flash', contextWindow: 1_048_576, price: perMillion(0.3, 2.5, 0.03) },

  // Moonshot Kimi K2
  { pattern: /^kimi-k2-turbo/, family: 'Kimi K2 Turbo', contextWindow: 262_144, price: perMillion(1.15, 8, 0.15) },
  { pattern: /^kimi-k2-thinking-turbo/, family: 'Kimi K2 Thinking Turbo', contextWindow: 262_144, price: perMillion(1.15, 8, 0.15) },
  { pattern: /^kimi-k2-5/, family: 'Kimi K2.5', contextWindow: 262_144, price: perMillion(0.6, 3, 0.1) },
  { pattern: /^kimi-k2-0711/, family: 'Kimi K2 (0711)', contextWindow: 131_072, price: perMillion(0.6, 2.5, 0.15) },
  { pattern: /^kimi-k2/, family: 'Kimi K2', contextWindow: 262_144, price: perMillion(0.6, 2.5, 0.15) },
];

/** `anthropic/claude-sonnet-4.5` (OpenRouter style) and `claude-sonnet-4-5` name the same model. */
function normalise(modelId: string): string {
  const lastSegment = modelId.slice(modelId.lastIndexOf('/') + 1).toLowerCase();
  return lastSegment.replace(/(\d)\.(\d)/g, '$1-$2');
}

/** What Braid knows about a model id; unknown ids get no price and the default window. */
export function lookupModel(modelId: string): ModelInfo {
  const normalised = normalise(modelId);
  const entry = catalog.find((candidate) => candidate.pattern.test(normalised));
  if (!entry) return { modelId, family: null, contextWindow: defaultContextWindow, price: null };
  return { modelId, family: entry.family, contextWindow: entry.contextWindow, price: entry.price };
}

/**
 * USD for one request's usage (pass one step at a time: the long-prompt tier depends on the
 * size of a single prompt). Null when the model has no known price.
 */
export function costOf(usage: TokenUsage, info: Pick<ModelInfo, 'price'>): number | null {
  const price = info.price;
  if (!price) return null;
  const tier = price.longPrompt && usage.input > price.longPrompt.aboveInputTokens ? price.longPrompt : price;
  const cached = Math.min(usage.cached, usage.input);
  const cacheWrite = Math.min(usage.cacheWrite ?? 0, usage.input - cached);
  const cachedRate = tier.cachedInput ?? tier.input;
  const cacheWriteRate = price.cacheWrite ?? tier.input;
  const uncached = usage.input - cached - cacheWrite;
  const dollars = uncached * tier.input + cached * cachedRate + cacheWrite * cacheWriteRate + usage.output * tier.output;
  return dollars / 1_000_000;
}
