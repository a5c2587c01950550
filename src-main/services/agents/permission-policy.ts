import type { Result, RuleSourceId, Task, TaskRole } from '../../../src-shared/contract';

/**
 * What the policy decided and by which rule (`rule` is recorded in the audit trail as
 * `rule:<rule>`: say it so a reader knows why, e.g. "read tools allowed"), and where the rule
 * lives (`source`: a settings file or Braid's settings; null or absent for Braid's built-in
 * rules and modes). An `ask` may offer the rule "Always allow in this project" would save.
 */
export type PermissionDecision =
  | { kind: 'allow'; rule: string; source?: RuleSourceId | null }
  | { kind: 'ask'; rule: string; reason: string; source?: RuleSourceId | null; suggestedRule?: string | null }
  | { kind: 'deny'; rule: string; reason: string; source?: RuleSourceId | null };

export interface PermissionRequest {
  /** The tool's name as the model sees it (`run_command`, `mcp__github__create_issue`, ...). */
  tool: string;
  args: unknown;
  role: TaskRole;
  /** The task as it is now (its project, worktree and mode); the rule engine needs it. */
  task?: Task;
  /** Allow rules for this turn only: a slash command's `allowed-tools`. */
  turnAllowRules?: readonly string[];
}

/**
 * The one seam every tool call passes before it runs. `services/permissions/` implements it
 * with modes and allow/ask/deny rules (Braid's settings, `.braid/settings.json`,
 * `.claude/settings*.json`); `defaultPermissionPolicy` below is the fixed policy tests of the
 * loop alone use.
 */
export interface PermissionPolicy {
  check(request: PermissionRequest): PermissionDecision | Promise<PermissionDecision>;
  /**
   * "Always allow in this project": saves `rule` (as the user edited it) for the task's
   * project once it is shown to cover the call. Absent: this policy cannot save rules.
   */
  alwaysAllow?(request: PermissionRequest & { task: Task }, rule: string): Result<{ rule: string }>;
}

const readOnlyTools = new Set(['read_file', 'list_dir', 'glob', 'grep', 'git_status', 'git_diff', 'todo_write', 'list_services']);
const editTools = new Set(['write_file', 'edit_file']);
/** What a planning task must never do, even if a toolset offered it (role-tools.ts does not). */
const planForbidden = new Set([...editTools, 'run_command', 'start_service', 'stop_service']);

/**
 * Sensible defaults: reading and editing inside the worktree is allowed (the tools confine
 * every path to it), commands and outside tools ask first, and a planning task never edits.
 */
export const defaultPermissionPolicy: PermissionPolicy = {
  check({ tool, role }) {
    if (readOnlyTools.has(tool)) return { kind: 'allow', rule: 'read tools allowed' };
    if (role === 'plan' && (planForbidden.has(tool) || tool.startsWith('mcp__'))) {
      return { kind: 'deny', rule: 'plan role is read-only', reason: 'A planning task is read-only: it may not edit files, run commands or call outside tools.' };
    }
    if (editTools.has(tool)) return { kind: 'allow', rule: 'edit tools allowed in the workspace' };
    if (tool === 'run_command') return { kind: 'ask', rule: 'commands ask first', reason: 'Runs a shell command in the workspace.' };
    if (tool === 'start_service') {
      return { kind: 'ask', rule: 'services ask first', reason: 'Starts a long-running command in the workspace that keeps running after this turn.' };
    }
    // Only the task's own services can be named, and stopping one loses nothing.
    if (tool === 'stop_service') return { kind: 'allow', rule: 'stopping own services allowed' };
    if (tool.startsWith('mcp__')) return { kind: 'ask', rule: 'MCP tools ask first', reason: 'Calls a tool of an MCP server outside Braid.' };
    return { kind: 'ask', rule: 'unknown tools ask first', reason: 'An unknown tool.' };
  },
};
