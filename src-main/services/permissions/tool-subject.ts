/**
 * What a tool call is, for the rules: a command (`Bash` rules), a read or an edit of a path
 * (`Read`, `Edit`/`Write`), an MCP tool (`mcp__server__tool`), a fetch (`WebFetch`), a
 * delegation to a subagent (`Agent(name)`), one of Braid's read-only tools, or anything else
 * (matched by its name only).
 */
export type ToolSubject =
  | { kind: 'command'; command: string }
  | { kind: 'read'; path: string }
  | { kind: 'edit'; path: string }
  | { kind: 'mcp'; server: string; name: string }
  | { kind: 'fetch'; url: string }
  | { kind: 'agent'; name: string }
  | { kind: 'read-only' }
  | { kind: 'own-service' }
  | { kind: 'other' };

/** Braid's tools that only read (their paths are confined to the workspace by the tools). */
export const readOnlyBuiltins = new Set(['git_status', 'git_diff', 'todo_write', 'list_services']);
const readTools = new Set(['read_file', 'list_dir', 'glob', 'grep']);
const editTools = new Set(['write_file', 'edit_file']);
/** Tools that run a shell command line (`Bash` rules cover both). */
export const commandTools = new Set(['run_command', 'start_service']);
/** The subagent tool (another engineer's): `Agent(name)` rules name its `agent` argument. */
export const delegateTool = 'delegate';

export function subjectOf(tool: string, args: unknown): ToolSubject {
  const input = args !== null && typeof args === 'object' && !Array.isArray(args) ? (args as Record<string, unknown>) : {};
  const text = (key: string) => (typeof input[key] === 'string' ? (input[key] as string) : null);
  if (commandTools.has(tool)) return { kind: 'command', command: text('command') ?? '' };
  if (readTools.has(tool)) return { kind: 'read', path: text('path') ?? '.' };
  if (editTools.has(tool)) return { kind: 'edit', path: text('path') ?? '' };
  if (readOnlyBuiltins.has(tool)) return { kind: 'read-only' };
  if (tool === 'stop_service') return { kind: 'own-service' };
  if (tool === delegateTool) return { kind: 'agent', name: text('agent') ?? '' };
  if (tool === 'WebFetch' || tool === 'web_fetch') return { kind: 'fetch', url: text('url') ?? '' };
  const mcp = /^mcp__(.+?)__(.+)$/.exec(tool);
  if (mcp) return { kind: 'mcp', server: mcp[1]!, name: mcp[2]! };
  return { kind: 'other' };
}
