import { serviceToolNames, workspaceToolNames } from '../tools';

/** The loop's own tools a subagent may be given by name. */
const loopToolNames = ['ask_user', 'delegate'] as const;

/** Braid's tool names a definition may list as they are. */
const braidToolNames = new Set<string>([...workspaceToolNames, ...serviceToolNames, ...loopToolNames]);

/**
 * Claude Code's tool names and what they are in Braid. `Read` also gets the read-only git
 * tools and the folder listing (a "read-only reviewer" with `Read, Grep, Glob` should see the
 * diff); `Bash` gets the long-lived services too (Claude Code runs those with Bash).
 */
const claudeToolNames: Record<string, readonly string[]> = {
  Read: ['read_file', 'list_dir', 'git_status', 'git_diff'],
  LS: ['list_dir'],
  Glob: ['glob', 'list_dir'],
  Grep: ['grep'],
  Write: ['write_file'],
  Edit: ['edit_file'],
  MultiEdit: ['edit_file'],
  NotebookEdit: ['edit_file'],
  Bash: ['run_command', 'start_service', 'list_services', 'stop_service'],
  BashOutput: ['list_services'],
  KillShell: ['stop_service'],
  KillBash: ['stop_service'],
  TodoWrite: ['todo_write'],
  AskUserQuestion: ['ask_user'],
  Agent: ['delegate'],
  Task: ['delegate'],
};

/** Claude Code tools Braid has no counterpart for: named in a warning, never an error. */
const unavailable = new Set(['WebFetch', 'WebSearch', 'Skill', 'SlashCommand', 'ExitPlanMode', 'EnterPlanMode']);

export interface ToolList {
  /** Braid tool names and `mcp__server__*` patterns. */
  tools: string[];
  /** `Agent(a, b)`: the subagents `delegate` may name; null when unrestricted (or `delegate` not listed). */
  agents: string[] | null;
  /** Entries Braid cannot give, each saying why. */
  warnings: string[];
}

/**
 * A definition's `tools` or `disallowedTools` as Braid's names. Accepts Claude Code's names
 * (`Read`, `Bash`, `Agent(reviewer)`), Braid's (`read_file`), `mcp__server__tool` and
 * `mcp__server` (all of that server's tools). A specifier on a tool (`Bash(git *)`) is a
 * permission rule, not a tool: the tool is given and the warning says the rules decide.
 */
export function mapToolList(entries: readonly string[], field: string): ToolList {
  const tools = new Set<string>();
  let agents: string[] | null = null;
  let anyAgent = false;
  const warnings: string[] = [];
  for (const entry of entries) {
    const text = entry.trim();
    const call = /^([A-Za-z_][A-Za-z0-9_]*)\((.*)\)$/s.exec(text);
    const name = call ? call[1]! : text;
    if (name.startsWith('mcp__')) {
      const [, server, ...rest] = name.split('__');
      if (!server) {
        warnings.push(`${field}: "${text}" names no MCP server; ignored`);
        continue;
      }
      const tool = rest.join('__');
      tools.add(tool === '' || tool === '*' ? `mcp__${server}__*` : `mcp__${server}__${tool}`);
      continue;
    }
    if (name === 'Agent' || name === 'Task' || name === 'delegate') {
      tools.add('delegate');
      const named = call ? call[2]!.split(',').map((item) => item.trim()).filter((item) => item !== '') : [];
      if (named.length === 0) anyAgent = true;
      else agents = [...(agents ?? []), ...named];
      continue;
    }
    const mapped = claudeToolNames[name] ?? (braidToolNames.has(name) ? [name] : null);
    if (mapped) {
      for (const tool of mapped) tools.add(tool);
      if (call) warnings.push(`${field}: "${text}" gives the ${name} tool; which calls it may make is up to the permission rules`);
      continue;
    }
    warnings.push(unavailable.has(name) ? `${field}: Braid has no ${name} tool; ignored` : `${field}: "${text}" is not a tool Braid knows; ignored`);
  }
  return { tools: [...tools], agents: anyAgent ? null : agents, warnings };
}

/** Whether `tool` is covered by a list of Braid names and `mcp__server__*` patterns. */
export function toolListCovers(list: readonly string[], tool: string): boolean {
  return list.some((entry) => entry === tool || (entry.endsWith('__*') && tool.startsWith(entry.slice(0, -1))));
}
