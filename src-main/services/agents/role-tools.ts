import type { TaskRole } from '../../../src-shared/contract';
import type { WorkspaceToolName } from '../tools';

/**
 * What each role's model is offered. A plan task reads and plans: the read-only workspace tools,
 * `ask_user` and `submit_plan`; it is never offered an edit, a command, a long-lived service or
 * the user's MCP servers (whose tools may write anywhere), and a call to one anyway is refused
 * before anything runs. A review task works in another task's workspace and never edits it: the
 * read-only tools, `run_command` (its tests, under the permission rules, which refuse a review's
 * evident writes; in the sandbox the worktree is read-only to it), `ask_user` and `submit_review`.
 * Every other role gets the whole workspace toolset, `ask_user` and `delegate` (subagents, when
 * any is defined); an implement task pinned to a plan also `update_step`. A planning task does
 * not delegate: its subagents would not be read-only by role.
 */
const readOnlyWorkspaceTools = ['read_file', 'list_dir', 'glob', 'grep', 'git_status', 'git_diff', 'todo_write'] as const satisfies readonly WorkspaceToolName[];
const reviewWorkspaceTools = [...readOnlyWorkspaceTools, 'run_command'] as const satisfies readonly WorkspaceToolName[];

const planTools = new Set<string>([...readOnlyWorkspaceTools, 'ask_user', 'submit_plan']);
const reviewTools = new Set<string>([...reviewWorkspaceTools, 'ask_user', 'submit_review']);

/** Tools only one role gets (`update_step` is offered only to implement tasks pinned to a plan: the plan service gives it to no other). */
const roleOnlyTools: Record<string, TaskRole> = { submit_plan: 'plan', update_step: 'implement', submit_review: 'review' };

/** The built-in workspace tools the role's server registers; undefined: all of them. */
export function workspaceToolsFor(role: TaskRole): readonly WorkspaceToolName[] | undefined {
  if (role === 'plan') return readOnlyWorkspaceTools;
  if (role === 'review') return reviewWorkspaceTools;
  return undefined;
}

/** Whether the role's toolset includes the user's MCP servers and the long-lived services tools. */
export function usesOutsideTools(role: TaskRole): boolean {
  return role !== 'plan' && role !== 'review';
}

export function isOfferedTo(role: TaskRole, tool: string): boolean {
  if (role === 'plan') return planTools.has(tool);
  if (role === 'review') return reviewTools.has(tool);
  const only = roleOnlyTools[tool];
  return only === undefined || only === role;
}

/** What the model is told when it calls a tool its role was not offered. */
export function refusalFor(role: TaskRole, tool: string): string {
  if (role === 'plan') {
    return `${tool} is not available to a planning task: it reads the code (${readOnlyWorkspaceTools.join(', ')}), asks the user (ask_user) and submits its plan with submit_plan; it never edits files or runs commands.`;
  }
  if (role === 'review') {
    return `${tool} is not available to a review task: it reads the code (${readOnlyWorkspaceTools.join(', ')}), runs the project's tests with run_command, asks the user (ask_user) and submits its review with submit_review; it never edits the workspace it reviews.`;
  }
  const only = roleOnlyTools[tool];
  if (only) return `${tool} is only available to a ${only} task.`;
  return `${tool} is not one of this task's tools. Use one of the tools you were given.`;
}
