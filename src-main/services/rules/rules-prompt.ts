import type { RuleScope } from '../../../src-shared/contract';
import type { FittedRule } from './rule-budget';
import type { RuleDocument } from './rule-document';

const scopeWords: Record<RuleScope, string> = {
  personal: 'the user’s personal rules',
  user: 'the user’s own rules for every project',
  project: 'the project’s rules',
  local: 'the user’s local rules for this project',
};

/**
 * The rules section of a run's system prompt: every rule that always applies, in order (later
 * ones are more specific), then the rules the agent may read when they are relevant, and a note
 * that more arrive when it works in folders or on files that have their own.
 */
export function rulesSystemSection(always: readonly FittedRule[], requested: readonly RuleDocument[], hasPathRules: boolean): string | null {
  const parts: string[] = [];
  if (always.length > 0) {
    parts.push('Rules for this task. Follow them; when they disagree, the later (more specific) one wins.');
    for (const rule of always) {
      const imported = rule.document.importedBy ? `, imported by ${rule.document.importedBy}` : '';
      parts.push(`Rules from ${rule.document.file} (${scopeWords[rule.document.scope]}${imported}):\n\n${rule.text}`);
    }
  }
  if (requested.length > 0) {
    parts.push(
      ['Further rules to read with read_file when they are relevant to what you are doing:', ...requested.map((rule) => `- ${rule.file}: ${rule.description ?? ''}`.trimEnd())].join('\n'),
    );
  }
  if (hasPathRules) {
    parts.push('Some folders and files have rules of their own: they are given to you the first time you read or edit a path they cover. Follow them for work there.');
  }
  return parts.length > 0 ? parts.join('\n\n') : null;
}

/** What the model is told the first time it touches `path`: the rules that apply there. */
export function pathRulesMessage(path: string, rules: readonly FittedRule[]): string {
  const sections = rules.map((rule) => {
    const where = rule.document.activation === 'nested' ? `for work under ${(rule.document.importedBy ?? rule.document.file).replace(/[^/]+$/, '')}` : `for paths matching ${rule.document.globs.join(', ')}`;
    const imported = rule.document.importedBy ? ` (imported by ${rule.document.importedBy})` : '';
    return `Rules from ${rule.document.file}${imported}, ${where}:\n\n${rule.text}`;
  });
  return [`[Braid] You just worked on ${path}. These rules apply there; follow them from now on:`, ...sections].join('\n\n');
}
