import type { RuleKind } from '../../../src-shared/contract';

/**
 * One permission rule in Claude Code's grammar, parsed: `Tool` or `Tool(specifier)`.
 * - `Bash(npm run test *)`: `*` anywhere, a space before it marks a word boundary; the legacy
 *   trailing `:*` (`Bash(npm:*)`) is the same prefix match. `Bash` or `Bash(*)`: every command.
 * - `Read(glob)`, `Edit(glob)` (also `Write`, `NotebookEdit`, `Glob`, `Grep`): gitignore-style
 *   paths; `//abs`, `~/`, `/` (the workspace root) and `./` or no prefix (the workspace).
 * - `WebFetch(domain:example.com)`, `*.example.com` for subdomains.
 * - `mcp__server`, `mcp__server__tool`, `mcp__server__*`.
 * - `Agent(name)` (legacy `Task(name)`), `Skill(name)`.
 * - `Tool(param:value)`: a top-level argument's literal value; deny and ask only.
 * - Any other name (`run_command`, `write_file`): that Braid tool, by name.
 */
export type PermissionRule =
  | { tool: 'Bash'; text: string; pattern: RegExp | null }
  | { tool: 'Read' | 'Edit' | 'Write' | 'NotebookEdit' | 'Glob' | 'Grep'; text: string; path: string | null }
  | { tool: 'WebFetch'; text: string; domain: string | null }
  | { tool: 'mcp'; text: string; server: string; name: string | null }
  | { tool: 'Agent' | 'Skill'; text: string; name: string | null }
  | { tool: 'param'; text: string; target: string; param: string; value: string }
  | { tool: 'named'; text: string; name: string };

export type RuleParse = { ok: true; rule: PermissionRule } | { ok: false; problem: string };

const pathTools = new Set(['Read', 'Edit', 'Write', 'NotebookEdit', 'Glob', 'Grep']);
const bashParameters = new Set(['run_in_background', 'timeout', 'timeout_ms', 'description']);
const toolName = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export function parseRule(input: string, kind: RuleKind): RuleParse {
  const text = input.trim();
  if (text === '') return { ok: false, problem: 'the rule is empty' };
  const open = text.indexOf('(');
  const name = open === -1 ? text : text.slice(0, open);
  let specifier: string | null = null;
  if (open !== -1) {
    if (!text.endsWith(')')) return { ok: false, problem: `"${text}" opens "(" but does not end with ")"` };
    specifier = text.slice(open + 1, -1).trim();
    if (specifier === '') return { ok: false, problem: `"${text}" has nothing between the parentheses; write ${name} alone for every call` };
  }
  if (name.startsWith('mcp__')) return parseMcp(text, name, specifier, kind);
  if (!toolName.test(name)) {
    if (name.includes('*')) return { ok: false, problem: `"${text}": a tool name with "*" is too broad and is skipped (name the tool or the MCP server)` };
    return { ok: false, problem: `"${name}" is not a tool name` };
  }
  const param = specifier === null ? null : /^([A-Za-z_][A-Za-z0-9_]*):(.+)$/.exec(specifier);
  if (name === 'Bash') {
    if (param && bashParameters.has(param[1]!)) return paramRule(text, 'Bash', param[1]!, param[2]!, kind);
    if (specifier === null || specifier === '*') return { ok: true, rule: { tool: 'Bash', text, pattern: null } };
    return { ok: true, rule: { tool: 'Bash', text, pattern: bashPattern(specifier) } };
  }
  if (pathTools.has(name)) {
    if ((name === 'Write' || name === 'NotebookEdit' || name === 'Glob') && kind === 'allow') {
      return { ok: false, problem: `"${text}": ${name} rules are never consulted in allow (use Edit or Read); they work in deny and ask` };
    }
    return { ok: true, rule: { tool: name as 'Read', text, path: specifier === null || specifier === '*' || specifier === '**' ? null : specifier } };
  }
  if (name === 'WebFetch') {
    if (specifier === null) return { ok: true, rule: { tool: 'WebFetch', text, domain: null } };
    const domain = /^domain:(.+)$/.exec(specifier);
    if (!domain) return { ok: false, problem: `"${text}": WebFetch takes domain:<host>, e.g. WebFetch(domain:example.com)` };
    return { ok: true, rule: { tool: 'WebFetch', text, domain: domain[1]!.trim().toLowerCase() } };
  }
  if (name === 'Agent' || name === 'Task' || name === 'Skill') {
    const tool = name === 'Skill' ? 'Skill' : 'Agent';
    if (param && specifier !== null && !/^[^:]+:[^:]+:/.test(specifier) && tool === 'Agent') return paramRule(text, 'Agent', param[1]!, param[2]!, kind);
    return { ok: true, rule: { tool, text, name: specifier } };
  }
  if (specifier !== null) {
    if (!param) return { ok: false, problem: `"${text}": only Bash, Read, Edit, Write, WebFetch, Agent and Skill take a specifier; other tools take (param:value)` };
    return paramRule(text, name, param[1]!, param[2]!, kind);
  }
  return { ok: true, rule: { tool: 'named', text, name } };
}

function paramRule(text: string, target: string, param: string, value: string, kind: RuleKind): RuleParse {
  if (kind === 'allow') return { ok: false, problem: `"${text}": ${target}(${param}:…) rules only work in deny and ask` };
  return { ok: true, rule: { tool: 'param', text, target, param, value } };
}

function parseMcp(text: string, name: string, specifier: string | null, kind: RuleKind): RuleParse {
  if (specifier !== null) {
    const param = /^([A-Za-z_][A-Za-z0-9_]*):(.+)$/.exec(specifier);
    if (param && name.split('__').length >= 3) return paramRule(text, name, param[1]!, param[2]!, kind);
    return { ok: false, problem: `"${text}": MCP rules are mcp__server or mcp__server__tool, without parentheses` };
  }
  const [, server, ...rest] = name.split('__');
  if (!server || server === '*' || server.includes('*')) return { ok: false, problem: `"${text}" names no server; an unanchored "mcp__*" is too broad and is skipped` };
  const tool = rest.join('__');
  if (tool === '' || tool === '*') return { ok: true, rule: { tool: 'mcp', text, server, name: null } };
  return { ok: true, rule: { tool: 'mcp', text, server, name: tool } };
}

/**
 * `Bash(…)` specifier → a regular expression over the whole command text (whitespace
 * collapsed). `*` is any text; ` *` at the end also matches nothing, so `ls *` matches `ls`
 * and `ls -la` but not `lsof`; the legacy `prefix:*` is `prefix *`.
 */
export function bashPattern(specifier: string): RegExp {
  const collapsed = specifier.replace(/\s+/g, ' ').trim();
  const legacy = collapsed.endsWith(':*') ? `${collapsed.slice(0, -2)} *` : collapsed;
  let source = '';
  for (let index = 0; index < legacy.length; index++) {
    const char = legacy[index]!;
    if (char === ' ' && legacy[index + 1] === '*' && index + 2 === legacy.length) {
      source += '(?: .*)?';
      index++;
    } else if (char === '*') source += '.*';
    else source += char.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}

/** What "Always allow in this project" offers for a command: its first two words with ` *` (`npm run *`), or the command itself when it is one word. */
export function suggestedBashRule(commandText: string): string {
  const words = commandText.trim().split(/\s+/);
  if (words.length <= 1) return `Bash(${words[0] ?? ''})`;
  const head = words.slice(0, words[1]!.startsWith('-') ? 1 : 2);
  return `Bash(${head.join(' ')} *)`;
}
