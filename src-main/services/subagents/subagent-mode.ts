import { permissionModeLabels, type AgentPermissionMode, type PermissionMode } from '../../../src-shared/contract';

/** Claude Code's mode names (and Braid's own) as Braid's modes. */
const braidModes: Record<AgentPermissionMode, PermissionMode> = {
  default: 'ask',
  manual: 'ask',
  ask: 'ask',
  acceptEdits: 'acceptEdits',
  plan: 'plan',
  auto: 'fullAuto',
  dontAsk: 'fullAuto',
  bypassPermissions: 'fullAuto',
  fullAuto: 'fullAuto',
};

/** How much a mode lets through without asking: plan (read-only) < ask < accept edits < full auto. */
const looseness: Record<PermissionMode, number> = { plan: 0, ask: 1, acceptEdits: 2, fullAuto: 3 };

export interface SubagentModeChoice {
  mode: PermissionMode;
  /** Why the subagent does not run in the mode its definition asks for, when it does not. */
  note: string | null;
}

/**
 * The mode a subagent runs in: its definition's `permissionMode`, else its parent's (as Claude
 * Code does). Never looser than the parent's, unless a rule of the user's allows this agent by
 * name (`Agent(<name>)`): a repository's definition cannot hand its subagent more than the
 * user gave the task that delegates. A planning parent's subagents are read-only, always.
 */
export function subagentMode(input: { requested: AgentPermissionMode | null; parent: PermissionMode; parentIsPlanner: boolean; allowedByRule: boolean }): SubagentModeChoice {
  if (input.requested === null) return { mode: input.parent, note: null };
  const requested = braidModes[input.requested];
  if (looseness[requested] <= looseness[input.parent]) return { mode: requested, note: null };
  if (input.allowedByRule && !input.parentIsPlanner) return { mode: requested, note: null };
  return {
    mode: input.parent,
    note: `asks for ${permissionModeLabels[requested]} but runs in ${permissionModeLabels[input.parent]}, its parent's mode: a subagent is never looser than its parent unless one of your allow rules names it (Agent(<name>))`,
  };
}

/** Whether an allow decision came from a rule of the user's that names this agent (`Agent(name)`, legacy `Task(name)`). */
export function allowRuleNames(rule: string, source: string | null | undefined, agent: string): boolean {
  if (!source || source === 'built-in') return false;
  const match = /^(?:Agent|Task)\((.+)\)$/.exec(rule.trim());
  return match !== null && match[1]!.trim() === agent;
}
