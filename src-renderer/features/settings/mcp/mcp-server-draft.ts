import type { McpServerEntryView } from '../../../../src-shared/contract';
import { formatArgsText, formatEnvText, formatHeadersText, parseArgsText, parseEnvText, parseHeadersText } from './mcp-config-text';

export type McpTransport = 'stdio' | 'http' | 'sse';
export const mcpTransports: readonly McpTransport[] = ['stdio', 'http', 'sse'];

/** The add/edit form as typed: every field is text, both transports' fields kept while switching. */
export interface McpServerDraft {
  name: string;
  transport: McpTransport;
  command: string;
  args: string;
  env: string;
  cwd: string;
  url: string;
  headers: string;
}

export type McpServerConfigInput =
  | { name: string; command: string; args: string[]; env: Record<string, string>; cwd?: string }
  | { name: string; type: 'http' | 'sse'; url: string; headers: Record<string, string> };

export type DraftParse = { ok: true; config: McpServerConfigInput } | { ok: false; message: string };

export const emptyServerDraft: McpServerDraft = { name: '', transport: 'stdio', command: '', args: '', env: '', cwd: '', url: '', headers: '' };

type ConfigView = McpServerEntryView['config'];

export function draftFromConfig(config: ConfigView): McpServerDraft {
  if ('url' in config) {
    return { ...emptyServerDraft, name: config.name, transport: config.type, url: config.url, headers: formatHeadersText(config.headers) };
  }
  return {
    ...emptyServerDraft,
    name: config.name,
    transport: 'stdio',
    command: config.command,
    args: formatArgsText(config.args),
    env: formatEnvText(config.env),
    cwd: config.cwd ?? '',
  };
}

/** The host's rule: the name becomes part of tool names (`mcp__<name>__<tool>`). */
const serverName = /^[A-Za-z0-9_-]{1,64}$/;

/** http(s) only; a `${VAR}` placeholder is expanded by the host when the server starts. */
function checkURL(url: string): string | null {
  if (url === '') return 'The URL is required, e.g. https://example.com/mcp.';
  if (url.includes('${')) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? null : 'The URL must start with http:// or https://.';
  } catch {
    return `"${url}" is not a URL, e.g. https://example.com/mcp.`;
  }
}

/** Checks the draft the way the host will, so most mistakes are named before anything is sent. */
export function configFromDraft(draft: McpServerDraft): DraftParse {
  const name = draft.name.trim();
  if (!serverName.test(name)) {
    return { ok: false, message: 'The name is 1-64 letters, digits, "_" or "-" (it becomes part of tool names, mcp__<name>__<tool>).' };
  }
  if (draft.transport === 'stdio') {
    const command = draft.command.trim();
    if (command === '') return { ok: false, message: 'The command is required, e.g. npx.' };
    if (command.includes('\0')) return { ok: false, message: 'The command contains a NUL character.' };
    const args = parseArgsText(draft.args);
    if (!args.ok) return args;
    const env = parseEnvText(draft.env);
    if (!env.ok) return env;
    const cwd = draft.cwd.trim();
    if (cwd.includes('\0')) return { ok: false, message: 'The working directory contains a NUL character.' };
    return { ok: true, config: { name, command, args: args.value, env: env.value, ...(cwd ? { cwd } : {}) } };
  }
  const url = draft.url.trim();
  const urlProblem = checkURL(url);
  if (urlProblem) return { ok: false, message: urlProblem };
  const headers = parseHeadersText(draft.headers);
  if (!headers.ok) return headers;
  return { ok: true, config: { name, type: draft.transport, url, headers: headers.value } };
}
