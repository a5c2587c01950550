import type { Dirent } from 'node:fs';
import { lstat, readdir, readlink, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { formatBytes } from './output-cap';
import type { WorkspaceToolContext } from './tool-context';
import { guardTool, toolError, toolErrorFrom, toolText } from './tool-result';

export const listDirInput = {
  path: z.string().optional().describe('Folder relative to the workspace root. Default: the root.'),
};

export const maxListedEntries = 1000;

export function registerListDir(server: McpServer, context: WorkspaceToolContext): void {
  server.registerTool(
    'list_dir',
    {
      description: 'List a folder: one entry per line, folders first with a trailing "/", files with their size.',
      inputSchema: listDirInput,
      annotations: { readOnlyHint: true },
    },
    (input) => guardTool('list_dir', () => listDir(context, input.path ?? '.')),
  );
}

async function listDir(context: WorkspaceToolContext, requested: string): Promise<CallToolResult> {
  const resolved = context.resolve(requested);
  if (!resolved.ok) return toolErrorFrom(resolved);
  const path = resolved.data;
  const shown = context.display(path);

  const info = await stat(path).catch(() => undefined);
  if (!info) return toolError(`Folder not found: ${shown}.`);
  if (!info.isDirectory()) return toolError(`${shown} is a file, not a folder. Use read_file to read it.`);

  // Git's internals are off limits to every tool, so they are not offered either.
  const entries = (await readdir(path, { withFileTypes: true })).filter((entry) => !/^\.git$/i.test(entry.name));
  entries.sort((a, b) => Number(b.isDirectory()) - Number(a.isDirectory()) || compareNames(a.name, b.name));
  const shownEntries = entries.slice(0, maxListedEntries);
  const lines = await Promise.all(shownEntries.map((entry) => describeEntry(path, entry)));
  if (lines.length === 0) return toolText(`${shown} is empty.`);
  if (entries.length > shownEntries.length) {
    lines.push(`[${entries.length - shownEntries.length} more entries not shown; use glob to narrow down]`);
  }
  return toolText(lines.join('\n'));
}

async function describeEntry(folder: string, entry: Dirent): Promise<string> {
  const full = join(folder, entry.name);
  if (entry.isDirectory()) return `${entry.name}/`;
  if (entry.isSymbolicLink()) {
    const target = await readlink(full).catch(() => '?');
    return `${entry.name} -> ${target}`;
  }
  if (entry.isFile()) {
    const size = await lstat(full).then((info) => formatBytes(info.size), () => '?');
    return `${entry.name}  ${size}`;
  }
  return `${entry.name}  (special file)`;
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
