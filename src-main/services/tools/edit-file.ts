import { readFile, stat, writeFile } from 'node:fs/promises';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { applyExactEdit } from './exact-edit';
import { binaryRefusal, looksBinary } from './text-file';
import type { WorkspaceToolContext } from './tool-context';
import { guardTool, toolError, toolErrorFrom, toolText } from './tool-result';

export const editFileInput = {
  path: z.string().describe('File path relative to the workspace root.'),
  old_text: z.string().describe('The exact text to replace, including whitespace. It must occur exactly once unless replace_all is set.'),
  new_text: z.string().describe('The text to put in its place.'),
  replace_all: z.boolean().optional().describe('Replace every occurrence instead of requiring exactly one.'),
};

export function registerEditFile(server: McpServer, context: WorkspaceToolContext): void {
  server.registerTool(
    'edit_file',
    {
      description:
        'Replace an exact piece of text in a file. Fails, changing nothing, when old_text is not found or is found more than once (unless replace_all).',
      inputSchema: editFileInput,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false },
    },
    (input) => guardTool('edit_file', () => editWorkspaceFile(context, input)),
  );
}

async function editWorkspaceFile(
  context: WorkspaceToolContext,
  input: { path: string; old_text: string; new_text: string; replace_all?: boolean },
): Promise<CallToolResult> {
  const resolved = context.resolve(input.path);
  if (!resolved.ok) return toolErrorFrom(resolved);
  const path = resolved.data;
  const shown = context.display(path);

  const info = await stat(path).catch(() => undefined);
  if (!info) return toolError(`File not found: ${shown}. Use write_file to create a new file.`);
  if (!info.isFile()) return toolError(`${shown} is not a regular file.`);
  if (await looksBinary(path)) return toolError(binaryRefusal(shown, info.size));

  const content = await readFile(path, 'utf8');
  const outcome = applyExactEdit(content, input.old_text, input.new_text, input.replace_all ?? false);
  if (!outcome.ok) return toolError(`No change to ${shown}: ${outcome.message}`);
  await writeFile(path, outcome.text, 'utf8');
  const where = outcome.lines.length === 1 ? `line ${outcome.lines[0]}` : `lines ${outcome.lines.join(', ')}`;
  const count = outcome.replacements === 1 ? '1 occurrence' : `${outcome.replacements} occurrences`;
  return toolText(`Edited ${shown}: replaced ${count} (${where}).`);
}
