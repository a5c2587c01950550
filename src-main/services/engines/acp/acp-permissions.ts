import { relative } from 'node:path';
import type { PermissionOption, ToolCallUpdate } from '@agentclientprotocol/sdk';
import type { PermissionDecision } from '../../agents/permission-policy';
import { resolveInsideWorkspace } from '../../paths/confine-path';
import { commandOf, inputOf, namedPaths, toolNameOf } from './acp-tool-call';

/**
 * What an external agent's call is, in the terms Braid's permission rules speak: one of Braid's
 * tools with its arguments (`run_command {command}`, `write_file {path}`, `read_file {path}`,
 * `WebFetch {url}`, `mcp__server__tool`), so a rule such as `Bash(npm test)`, `Edit(src/**)` or
 * `Read(.env)` decides it exactly as it decides Braid's own agent's calls. A call touching a
 * path outside the worktree is refused before any rule: the worktree is all a task may touch.
 */
export type PermissionSubject = { tool: string; args: Record<string, unknown> } | { refused: string };

const editKinds = new Set(['edit', 'delete', 'move']);
const readKinds = new Set(['read', 'search']);

export function permissionSubjects(call: ToolCallUpdate, worktree: string): PermissionSubject[] {
  const input = inputOf(call);
  const kind = call.kind ?? null;
  const name = toolNameOf(call);
  if (/^mcp__.+__.+$/.test(name)) return [{ tool: name, args: input }];
  const hasDiff = (call.content ?? []).some((content) => content.type === 'diff');
  if ((kind !== null && editKinds.has(kind)) || hasDiff) return pathSubjects(call, worktree, 'write_file', 'edits');
  if (kind === 'execute') {
    const command = commandOf(call);
    return [command === null ? { tool: name, args: input } : { tool: 'run_command', args: { command } }];
  }
  if (kind !== null && readKinds.has(kind)) return pathSubjects(call, worktree, 'read_file', 'reads');
  if (kind === 'fetch' && typeof input.url === 'string') return [{ tool: 'WebFetch', args: { url: input.url } }];
  return [{ tool: name, args: input }];
}

/**
 * The decisions of every path the call touches, combined: any deny denies, then any ask asks,
 * else it is allowed (by the first subject's rule).
 */
export function combineDecisions(decisions: readonly PermissionDecision[]): PermissionDecision {
  return decisions.find((decision) => decision.kind === 'deny') ?? decisions.find((decision) => decision.kind === 'ask') ?? decisions[0] ?? { kind: 'ask', rule: 'calls Braid cannot read ask', reason: 'Braid could not tell what this call does.' };
}

/**
 * The option that says yes (once; "always" only when the agent offers nothing else, since Braid
 * keeps its own rules and the next call must be asked again) or no.
 */
export function optionFor(options: readonly PermissionOption[], allow: boolean): string | null {
  const kinds = allow ? (['allow_once', 'allow_always'] as const) : (['reject_once', 'reject_always'] as const);
  for (const kind of kinds) {
    const option = options.find((candidate) => candidate.kind === kind);
    if (option) return option.optionId;
  }
  return null;
}

function pathSubjects(call: ToolCallUpdate, worktree: string, tool: 'write_file' | 'read_file', verb: string): PermissionSubject[] {
  const paths = namedPaths(call);
  if (paths.length === 0) return [{ tool: tool === 'write_file' ? 'Edit' : 'Read', args: inputOf(call) }];
  return paths.map((path): PermissionSubject => {
    const resolved = resolveInsideWorkspace(worktree, path);
    if (!resolved.ok) return { refused: `The agent ${verb} ${path}, outside the task's worktree: ${resolved.error.message}` };
    return { tool, args: { path: relative(worktree, resolved.data) || '.' } };
  });
}
