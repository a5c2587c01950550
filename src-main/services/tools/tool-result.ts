import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Result } from '../../../src-shared/contract';

/** What a tool hands back to the model: text, flagged as an error when the call failed. */
export function toolText(text: string): CallToolResult {
  return { content: [{ type: 'text', text }] };
}

export function toolError(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}

/** A refused `Result` as the model sees it. */
export function toolErrorFrom(result: Extract<Result<unknown>, { ok: false }>): CallToolResult {
  return toolError(result.error.message);
}

/**
 * Runs a tool body so that nothing escapes the server as an exception: filesystem errors
 * become readable messages the model can act on, anything else says what went wrong.
 */
export async function guardTool(toolName: string, body: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await body();
  } catch (error) {
    return toolError(`${toolName} failed: ${describeError(error)}`);
  }
}

const fsMessages: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'it already exists',
  ENOSPC: 'the disk is full',
  EROFS: 'the file system is read-only',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
};

export function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && fsMessages[code]) return fsMessages[code];
  return error instanceof Error ? error.message : String(error);
}
