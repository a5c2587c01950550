import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import picomatch from 'picomatch';
import { z } from 'zod';
import type { WorkspaceToolContext } from './tool-context';
import { guardTool, toolError, toolErrorFrom, toolText } from './tool-result';
import { listWorkspaceFiles } from './workspace-files';

export const globInput = {
  pattern: z.string().min(1).describe('Glob such as "**/*.ts" or "src/**/*.{ts,tsx}". A pattern without "/" matches file names at any depth.'),
  path: z.string().optional().describe('Folder to search in, relative to the workspace root. Default: the root.'),
};

export const maxGlobResults = 1000;

export function registerGlob(server: McpServer, context: WorkspaceToolContext): void {
  server.registerTool(
    'glob',
    {
      description:
        'Find files by glob pattern among the files git would show (tracked and untracked, .gitignore respected). Paths are relative to the workspace root, sorted.',
      inputSchema: globInput,
      annotations: { readOnlyHint: true },
    },
    (input) => guardTool('glob', () => globFiles(context, input)),
  );
}

/** Picomatch with the options glob and grep share: dotfiles included, bare names match at any depth. */
export function fileMatcher(pattern: string): (path: string) => boolean {
  const matcher = picomatch(pattern, { dot: true, basename: !pattern.includes('/') });
  // One argument only: picomatch returns a (truthy) details object when given a second.
  return (path) => matcher(path);
}

async function globFiles(context: WorkspaceToolContext, input: { pattern: string; path?: string }): Promise<CallToolResult> {
  const resolved = context.resolve(input.path ?? '.');
  if (!resolved.ok) return toolErrorFrom(resolved);
  const folder = resolved.data;
  const info = await stat(folder).catch(() => undefined);
  if (!info?.isDirectory()) return toolError(`${context.display(folder)} is not a folder.`);

  const files = await listWorkspaceFiles(folder);
  if (!files.ok) return toolErrorFrom(files);
  const matches = files.data.filter(fileMatcher(input.pattern)).sort();
  if (matches.length === 0) return toolText(`No files match ${JSON.stringify(input.pattern)}.`);
  const shown = matches.slice(0, maxGlobResults).map((path) => context.display(join(folder, path)));
  if (matches.length > shown.length) {
    shown.push(`[${matches.length - shown.length} more files match; narrow the pattern or the path]`);
  }
  return toolText(shown.join('\n'));
}
