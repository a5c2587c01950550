import { parseModelRef } from '../models/model-ref';

/** Claude Code's model aliases in frontmatter, as Braid refs. */
const aliases: Record<string, string> = {
  sonnet: 'anthropic:claude-sonnet-4-5',
  opus: 'anthropic:claude-opus-4-5',
  haiku: 'anthropic:claude-haiku-4-5',
};

/**
 * A command's `model:` as a Braid model ref: `<provider>:<model>` as it is; Claude Code's
 * aliases (`sonnet`, `opus`, `haiku`) and bare Claude ids (`claude-sonnet-4-5`) on Anthropic;
 * `inherit` or nothing: the task's model. Anything else is a problem, and the command runs on
 * the task's model.
 */
export function commandModel(value: string | null): { ref: string | null; problem: string | null } {
  if (value === null || value === 'inherit') return { ref: null, problem: null };
  const alias = aliases[value.toLowerCase()];
  if (alias) return { ref: alias, problem: null };
  if (/^claude-[a-z0-9.-]+$/i.test(value)) return { ref: `anthropic:${value}`, problem: null };
  const parsed = parseModelRef(value);
  if (!parsed.ok) return { ref: null, problem: `model: ${parsed.error.message} The command runs on the task's model.` };
  return { ref: value.trim(), problem: null };
}
