import type { DiscoveredRule, GivenRule, RuleActivation, RuleScope } from '../../../src-shared/contract';

const scopeWords: Record<RuleScope, string> = { personal: 'personal', user: 'yours (~/.claude)', project: 'project', local: 'local' };

const activationWords: Record<RuleActivation, string> = {
  always: 'always',
  path: 'for matching paths',
  nested: 'for its folder',
  requested: 'offered by its description',
  manual: 'only when you mention it',
};

export function formatChars(count: number): string {
  return count < 1_000 ? `${count} characters` : `${(count / 1_000).toFixed(1).replace(/\.0$/, '')}k characters`;
}

/** "AGENTS.md · project · always · 1.2k characters (cut from 25k) · imported by CLAUDE.md" */
export function ruleSummary(rule: GivenRule): string {
  const size = rule.chars < rule.originalChars ? `${formatChars(rule.chars)} (cut from ${formatChars(rule.originalChars)})` : formatChars(rule.chars);
  return [rule.file, scopeWords[rule.scope], activationWords[rule.activation], size, rule.importedBy && `imported by ${rule.importedBy}`].filter(Boolean).join(' · ');
}

/** When a rules file not given yet would be: "paths src/**, *.tsx", "work under packages/api/". */
export function discoveredSummary(rule: DiscoveredRule): string {
  const when =
    rule.activation === 'path' ? `for paths ${rule.globs.join(', ')}`
    : rule.activation === 'nested' ? `for work under ${rule.file.replace(/[^/]+$/, '')}`
    : rule.activation === 'requested' ? `offered by its description: ${rule.description ?? ''}`
    : activationWords[rule.activation];
  return [rule.file, scopeWords[rule.scope], when, formatChars(rule.chars)].join(' · ');
}

/** The line a rules row shows: "Rules given: AGENTS.md, CLAUDE.md and 3 more". */
export function rulesHeadline(entry: { trigger: 'run' | 'path'; path: string | null; rules: readonly GivenRule[]; warnings: readonly string[] }): string {
  const names = entry.rules.map((rule) => rule.file);
  const shown = names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
  const what = entry.rules.length === 0 ? 'no rules' : shown;
  return entry.trigger === 'run' ? `Rules given: ${what}` : `Rules for ${entry.path}: ${what}`;
}
