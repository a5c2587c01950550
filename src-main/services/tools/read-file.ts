import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { binaryRefusal, looksBinary } from './text-file';
import type { WorkspaceToolContext } from './tool-context';
import { guardTool, toolError, toolErrorFrom, toolText } from './tool-result';

export const readFileInput = {
  path: z.string().describe('File path relative to the workspace root.'),
  offset: z.number().int().min(1).optional().describe('First line to show (1-based). Default 1.'),
  limit: z.number().int().min(1).optional().describe('How many lines to show. Default 2000.'),
};

export interface ReadFileLimits {
  /** Lines shown when the call gives no limit. */
  defaultLines: number;
  /** Characters of numbered output at most; the rest is left for a follow-up call. */
  maxOutputChars: number;
  /** A longer line is cut, so one minified file cannot eat the whole budget. */
  maxLineChars: number;
}

export const defaultReadFileLimits: ReadFileLimits = { defaultLines: 2000, maxOutputChars: 256 * 1024, maxLineChars: 2000 };

export function registerReadFile(server: McpServer, context: WorkspaceToolContext, limits = defaultReadFileLimits): void {
  server.registerTool(
    'read_file',
    {
      description:
        'Read a text file in the workspace. Lines are numbered like `cat -n`. Use offset/limit to read a range of a long file.',
      inputSchema: readFileInput,
      annotations: { readOnlyHint: true },
    },
    (input) => guardTool('read_file', () => readFile(context, input, limits)),
  );
}

async function readFile(
  context: WorkspaceToolContext,
  input: { path: string; offset?: number; limit?: number },
  limits: ReadFileLimits,
): Promise<CallToolResult> {
  const resolved = context.resolve(input.path);
  if (!resolved.ok) return toolErrorFrom(resolved);
  const path = resolved.data;
  const shown = context.display(path);

  const info = await stat(path).catch(() => undefined);
  if (!info) return toolError(`File not found: ${shown}. Use list_dir or glob to find the right path.`);
  if (info.isDirectory()) return toolError(`${shown} is a folder, not a file. Use list_dir to see what it holds.`);
  if (!info.isFile()) return toolError(`${shown} is not a regular file.`);
  if (info.size === 0) return toolText(`${shown} is empty.`);
  if (await looksBinary(path)) return toolError(binaryRefusal(shown, info.size));

  const first = input.offset ?? 1;
  const wanted = input.limit ?? limits.defaultLines;
  const lines: string[] = [];
  let outputChars = 0;
  let lineNumber = 0;
  let cutLines = 0;
  let stoppedForSize = false;
  let moreAfter = false;

  const stream = createReadStream(path, { encoding: 'utf8' });
  const reader = createInterface({ input: stream, crlfDelay: Infinity });
  try {
    for await (const raw of reader) {
      lineNumber += 1;
      if (lineNumber < first) continue;
      if (lines.length >= wanted) {
        moreAfter = true;
        break;
      }
      let text = raw;
      if (text.length > limits.maxLineChars) {
        text = `${text.slice(0, limits.maxLineChars)}… [line cut at ${limits.maxLineChars} characters]`;
        cutLines += 1;
      }
      const numbered = `${String(lineNumber).padStart(6)}\t${text}`;
      if (outputChars + numbered.length + 1 > limits.maxOutputChars && lines.length > 0) {
        stoppedForSize = true;
        moreAfter = true;
        break;
      }
      lines.push(numbered);
      outputChars += numbered.length + 1;
    }
  } finally {
    reader.close();
    stream.destroy();
  }

  if (lines.length === 0) {
    return toolError(`offset ${first} is past the end of ${shown}, which has ${lineNumber} lines.`);
  }
  const last = first + lines.length - 1;
  const notes: string[] = [];
  if (moreAfter) {
    const why = stoppedForSize ? `output reached the ${Math.round(limits.maxOutputChars / 1024)} KB cap` : `limit of ${wanted} lines`;
    notes.push(`[showing lines ${first}-${last} (${why}); more lines follow: read on with offset=${last + 1}]`);
  }
  if (cutLines > 0) notes.push(`[${cutLines} long line(s) were cut at ${limits.maxLineChars} characters]`);
  return toolText([lines.join('\n'), ...notes].join('\n'));
}
