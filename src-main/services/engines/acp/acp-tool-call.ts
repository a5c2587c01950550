import { isAbsolute, resolve } from 'node:path';
import type { ToolCallUpdate } from '@agentclientprotocol/sdk';
import { resolveInsideWorkspace } from '../../paths/confine-path';

/** What an agent's tool call names, read the same way for the timeline and for the permission rules. */

/** The name of the MCP server through which Braid gives an external agent its own tools (`ask_user`, `submit_plan`, …). */
export const braidToolsServer = 'braid';

/** The Braid tool a call names (`mcp__braid__submit_plan` → `submit_plan`, as Braid's own agent calls it), else null. */
export function braidToolOf(name: string): string | null {
  const prefix = `mcp__${braidToolsServer}__`;
  return name.startsWith(prefix) && name.length > prefix.length ? name.slice(prefix.length) : null;
}

/** The tool's own name (Claude Code's `Write`, `Bash`), else its kind. */
export function toolNameOf(update: ToolCallUpdate): string {
  const meta = update._meta as { claudeCode?: { toolName?: unknown } } | null | undefined;
  const named = (update as { name?: unknown }).name;
  if (typeof named === 'string' && named.trim()) return named.trim();
  if (typeof meta?.claudeCode?.toolName === 'string') return meta.claudeCode.toolName;
  return update.kind ?? 'tool';
}

/** Paths named by the call's locations, its arguments (Claude Code's `file_path`, `path`, `notebook_path`) and its diffs. */
export function namedPaths(call: ToolCallUpdate): string[] {
  const input = inputOf(call);
  const paths = new Set<string>();
  for (const location of call.locations ?? []) paths.add(location.path);
  for (const key of ['file_path', 'path', 'notebook_path', 'filePath']) if (typeof input[key] === 'string' && input[key] !== '') paths.add(input[key] as string);
  for (const content of call.content ?? []) if (content.type === 'diff') paths.add(content.path);
  return [...paths].map((path) => (isAbsolute(path) ? resolve(path) : path));
}

/** The real paths inside the worktree the call names (those outside are left out). */
export function pathsInside(call: ToolCallUpdate, worktree: string): string[] {
  return namedPaths(call).flatMap((path) => {
    const resolved = resolveInsideWorkspace(worktree, path);
    return resolved.ok ? [resolved.data] : [];
  });
}

/** Claude Code and Gemini give `command` as a string; Codex as an argument list. */
export function commandOf(call: ToolCallUpdate): string | null {
  const input = inputOf(call);
  const command = input.command ?? input.cmd;
  if (typeof command === 'string' && command.trim()) return command;
  if (Array.isArray(command) && command.every((part) => typeof part === 'string') && command.length > 0) {
    return command.map((part: string) => (/^[\w@%+=:,./-]+$/.test(part) ? part : `'${part.replace(/'/g, `'\\''`)}'`)).join(' ');
  }
  // Some agents put the command only in the title, in backticks.
  const quoted = /`([^`]+)`/.exec(call.title ?? '');
  return quoted ? quoted[1]! : null;
}

export function inputOf(call: ToolCallUpdate): Record<string, unknown> {
  const value = call.rawInput;
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
