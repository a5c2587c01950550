import { permissionModeLabels, type PermissionMode, type RuleSourceId } from '../../../src-shared/contract';

const sourceLabels: Record<RuleSourceId, string> = {
  'built-in': 'Braid’s hard-deny list',
  app: 'Braid settings, every project',
  project: 'Braid settings, this project',
  'repo-braid': 'repository .braid/settings.json',
  'repo-claude-local': 'repository .claude/settings.local.json',
  'repo-claude': 'repository .claude/settings.json',
  'user-claude': '~/.claude/settings.json',
  turn: 'this turn’s allowed tools',
};

/** Where a rule lives, in words; Braid's own modes and rules have no source. */
export function sourceLabel(source: RuleSourceId | null): string {
  return source === null ? 'Braid' : sourceLabels[source];
}

export function modeLabel(mode: PermissionMode): string {
  return permissionModeLabels[mode];
}

/** Shift+Tab's order, as in Claude Code: ask → accept edits → full auto → plan → ask. */
const cycle: readonly PermissionMode[] = ['ask', 'acceptEdits', 'fullAuto', 'plan'];

export function nextMode(mode: PermissionMode): PermissionMode {
  return cycle[(cycle.indexOf(mode) + 1) % cycle.length]!;
}

/** "Allowed by Bash(npm test *) (Braid settings, this project)". */
export function decisionLine(decision: 'allow' | 'deny' | 'ask', rule: string, source: RuleSourceId | null): string {
  const verb = decision === 'allow' ? 'Allowed by' : decision === 'deny' ? 'Denied by' : 'Asked by';
  return `${verb} ${rule} (${sourceLabel(source)})`;
}
