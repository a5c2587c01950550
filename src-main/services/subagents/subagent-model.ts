/** Claude Code's model aliases, as Anthropic models. */
const claudeAliases: Record<string, string> = {
  sonnet: 'anthropic:claude-sonnet-4-5',
  opus: 'anthropic:claude-opus-4-5',
  haiku: 'anthropic:claude-haiku-4-5',
};

/**
 * Which model a definition's `model` asks for. Absent or `inherit`: the parent's. An alias
 * (`sonnet`, `opus`, `haiku`) is a wish: where Anthropic is not set up the subagent runs on its
 * parent's model, and says so. Anything else is a model reference that must work
 * (`openai:gpt-4o`, or a bare `claude-…` id, taken as Anthropic's).
 */
export type SubagentModelRequest = { kind: 'inherit' } | { kind: 'alias'; alias: string; ref: string } | { kind: 'explicit'; ref: string };

export function subagentModelRequest(model: string | null): SubagentModelRequest {
  const text = model?.trim() ?? '';
  if (text === '' || text === 'inherit') return { kind: 'inherit' };
  const alias = claudeAliases[text.toLowerCase()];
  if (alias) return { kind: 'alias', alias: text, ref: alias };
  if (!text.includes(':') && text.toLowerCase().startsWith('claude')) return { kind: 'explicit', ref: `anthropic:${text}` };
  return { kind: 'explicit', ref: text };
}
