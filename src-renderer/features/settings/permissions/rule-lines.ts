import type { RuleLists } from '../../../../src-shared/contract';

/** One rule per line, blank lines ignored: how the rule lists are edited. */
export function rulesFromText(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

export function textFromRules(rules: readonly string[]): string {
  return rules.join('\n');
}

/** The host's `details.issues` (`[kind, index]`) as one message per list. */
export function issuesByKind(issues: readonly { path: readonly (string | number)[]; message: string }[]): Partial<Record<keyof RuleLists, string>> {
  const byKind: Partial<Record<keyof RuleLists, string>> = {};
  for (const issue of issues) {
    const [kind, index] = issue.path;
    if (kind !== 'allow' && kind !== 'ask' && kind !== 'deny') continue;
    const line = `Line ${typeof index === 'number' ? index + 1 : '?'}: ${issue.message}`;
    byKind[kind] = byKind[kind] ? `${byKind[kind]}\n${line}` : line;
  }
  return byKind;
}
