import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { WorkspaceToolContext } from './tool-context';
import { guardTool, toolError, toolErrorFrom, toolText } from './tool-result';

export const writeFileInput = {
  path: z.string().describe('File path relative to the workspace root. Missing folders are created.'),
  content: z.string().describe('The complete new content of the file.'),
};

export function registerWriteFile(server: McpServer, context: WorkspaceToolContext): void {
  server.registerTool(
    'write_file',
    {
      description:
        'Create a file or replace its whole content. Prefer edit_file for changing part of an existing file.',
      inputSchema: writeFileInput,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true },
    },
    (input) => guardTool('write_file', () => writeWorkspaceFile(context, input)),
  );
}

async function writeWorkspaceFile(context: WorkspaceToolContext, input: { path: string; content: string }): Promise<CallToolResult> {
  const resolved = context.resolve(input.path);
  if (!resolved.ok) return toolErrorFrom(resolved);
  const path = resolved.data;
  const shown = context.display(path);

  const existing = await stat(path).catch(() => undefined);
  if (existing?.isDirectory()) return toolError(`${shown} is a folder; give a file path.`);
  await mkdir(dirname(path), { recursive: true });
  const bytes = Buffer.byteLength(input.content, 'utf8');
  await writeFile(path, input.content, 'utf8');
  return toolText(`${existing ? 'Overwrote' : 'Created'} ${shown} (${bytes} bytes written).`);
}
