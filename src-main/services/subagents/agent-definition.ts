import { agentNamePattern, agentNameProblem, agentPermissionModes, type AgentPermissionMode } from '../../../src-shared/contract';
import { listValue, parseFrontmatter, textValue, type FrontmatterValue } from '../markdown/frontmatter';
import { mapToolList } from './subagent-tools';

/** A subagent definition as its file says, with its tools already in Braid's names (`grant`). */
export interface AgentDefinition {
  name: string;
  description: string;
  /** As written; null: the parent's tools. */
  tools: string[] | null;
  disallowedTools: string[];
  model: string | null;
  permissionMode: AgentPermissionMode | null;
  maxTurns: number | null;
  /** The body: the subagent's system prompt. */
  prompt: string;
  grant: {
    /** Braid tool names and `mcp__server__*`; null: the parent's tools. */
    tools: string[] | null;
    disallowed: string[];
    /** Which subagents it may delegate to; null: any. */
    agents: string[] | null;
  };
}

export interface ParsedDefinition {
  /** The frontmatter's name, else the file's name without `.md`. */
  name: string;
  definition: AgentDefinition | null;
  /** Why it cannot be used: every problem, each naming its field or line. */
  error: string | null;
  warnings: string[];
}

/** Claude Code keys Braid reads nothing from yet: a warning says so, the definition still works. */
const ignoredKeys: Record<string, string> = {
  skills: 'Braid does not preload skills into subagents yet',
  mcpServers: 'a subagent gets the MCP servers of its project; its own list is not used',
  hooks: 'Braid does not run hooks',
  memory: 'Braid keeps no subagent memory',
  background: 'a subagent always runs while its parent waits for its answer',
  effort: 'Braid does not set a reasoning effort',
  isolation: 'a subagent always works in its parent’s workspace',
  initialPrompt: 'the parent’s delegate prompt is the subagent’s first message',
};

/**
 * Parses one `.md` file of an agents folder in Claude Code's format: frontmatter `name` and
 * `description` (both required), `tools` and `disallowedTools` (a comma list or a YAML list),
 * `model`, `permissionMode`, `maxTurns`; the body is the system prompt. Never throws: what is
 * wrong is said per field.
 */
export function parseAgentDefinition(text: string, file: string): ParsedDefinition {
  const fallbackName = file.replace(/\.md$/i, '');
  const parsed = parseFrontmatter(text);
  const { data } = parsed;
  const errors: string[] = [];
  const warnings: string[] = [];
  if (Object.keys(data).length === 0 && parsed.problems.length === 0) {
    return {
      name: fallbackName,
      definition: null,
      error: 'no frontmatter: the file must start with a --- block giving at least name and description',
      warnings: [],
    };
  }

  const name = stringField(data, 'name', errors);
  if (name === null) errors.push('name: required');
  else if (!agentNamePattern.test(name)) errors.push(`name: "${name}" is not a valid name (${agentNameProblem})`);
  const description = stringField(data, 'description', errors);
  if (description === null) errors.push('description: required (the parent agent reads it to choose a subagent)');

  const tools = data.tools === undefined || data.tools === '' ? null : listValue(data.tools);
  const disallowedTools = listValue(data.disallowedTools);
  const granted = tools === null ? null : mapToolList(tools, 'tools');
  const denied = mapToolList(disallowedTools, 'disallowedTools');
  if (typeof data.tools === 'boolean') errors.push('tools: a list of tool names is expected, not true or false');
  warnings.push(...(granted?.warnings ?? []), ...denied.warnings);

  const model = stringField(data, 'model', errors);
  const permissionMode = modeField(data, errors);
  const maxTurns = maxTurnsField(data, errors);

  for (const [key, why] of Object.entries(ignoredKeys)) if (data[key] !== undefined) warnings.push(`${key}: ignored (${why})`);
  const prompt = parsed.body.trim();
  if (prompt === '') warnings.push('the body is empty: the subagent gets no instructions of its own');

  // Frontmatter lines that did not read belong with the errors they probably caused.
  if (errors.length > 0) {
    return { name: name ?? fallbackName, definition: null, error: [...parsed.problems, ...errors].join('; '), warnings };
  }
  warnings.unshift(...parsed.problems);
  return {
    name: name!,
    error: null,
    warnings,
    definition: {
      name: name!,
      description: description!,
      tools,
      disallowedTools,
      model: model === 'inherit' ? null : model,
      permissionMode,
      maxTurns,
      prompt,
      grant: { tools: granted?.tools ?? null, disallowed: denied.tools, agents: granted?.agents ?? null },
    },
  };
}

function stringField(data: Record<string, FrontmatterValue>, key: string, errors: string[]): string | null {
  const value = data[key];
  if (value === undefined) return null;
  if (typeof value === 'boolean' || Array.isArray(value)) {
    errors.push(`${key}: text is expected, not ${typeof value === 'boolean' ? String(value) : 'a list'}`);
    return null;
  }
  return textValue(value);
}

function modeField(data: Record<string, FrontmatterValue>, errors: string[]): AgentPermissionMode | null {
  const mode = stringField(data, 'permissionMode', errors);
  if (mode === null) return null;
  if ((agentPermissionModes as readonly string[]).includes(mode)) return mode as AgentPermissionMode;
  errors.push(`permissionMode: "${mode}" is not a mode (use one of ${agentPermissionModes.join(', ')})`);
  return null;
}

function maxTurnsField(data: Record<string, FrontmatterValue>, errors: string[]): number | null {
  const text = stringField(data, 'maxTurns', errors);
  if (text === null) return null;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 1_000) {
    errors.push(`maxTurns: "${text}" is not a whole number from 1 to 1000`);
    return null;
  }
  return Number(text);
}
