import type { McpServerEntryView, McpServerStatusView } from '../../../../src-shared/contract';

export type McpServerRef = { scope: 'app'; name: string } | { scope: 'project'; projectId: string; name: string };

export const entryKey = (entry: Pick<McpServerEntryView, 'scope' | 'config'>): string => `${entry.scope}:${entry.config.name}`;

export function refFor(entry: McpServerEntryView, projectId: string | undefined): McpServerRef {
  if (entry.scope === 'project' && projectId) return { scope: 'project', projectId, name: entry.config.name };
  return { scope: 'app', name: entry.config.name };
}

/**
 * Folds a live `mcp.status` into the list. Statuses are keyed by a hash of the config that
 * only the host computes, so a status for a connection the list has not seen yet (first start,
 * or a config just edited) is reported as unknown: the caller asks for the list again.
 */
export function applyServerStatus(
  servers: readonly McpServerEntryView[],
  status: McpServerStatusView,
): { servers: McpServerEntryView[]; known: boolean } {
  let known = false;
  const next = servers.map((entry) => {
    if (entry.status?.key !== status.key) return entry;
    known = true;
    return { ...entry, status };
  });
  return { servers: known ? next : [...servers], known };
}

/** The badge text: the connection's state, or `stopped` for a server nothing has started yet. */
export const serverStateText = (entry: Pick<McpServerEntryView, 'status'>): McpServerStatusView['state'] => entry.status?.state ?? 'stopped';

/**
 * Characters that hide or reorder what is shown (controls, bidi overrides, zero-width marks):
 * a project file could use them to make a command look harmless in the trust prompt.
 */
const deceptiveClass = '[\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u061c\\u180e\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2069\\ufeff]';
const deceptive = new RegExp(deceptiveClass);
const deceptiveAll = new RegExp(deceptiveClass, 'g');
const visible = (text: string) => text.replace(deceptiveAll, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Quotes an argument with spaces, quotes or hidden characters so the shown command reads as what will run. */
function quoteForDisplay(word: string): string {
  if (word !== '' && !/[\s"'`\\]/.test(word) && !deceptive.test(word)) return word;
  return `"${visible(word.replace(/\\/g, '\\\\').replace(/"/g, '\\"'))}"`;
}

/** What trusting a project server lets happen: the command it runs, or where it connects. */
export function describeServerLaunch(config: McpServerEntryView['config']): { kind: 'command' | 'url'; text: string } {
  if ('url' in config) return { kind: 'url', text: visible(config.url) };
  return { kind: 'command', text: [config.command, ...(config.args ?? [])].map(quoteForDisplay).join(' ') };
}
