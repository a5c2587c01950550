import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fail, ok, type Result } from '../../../../src-shared/contract';
import { displayPath, resolveInsideWorkspace } from '../../paths/confine-path';
import { fileSystemRefusal } from '../../paths/path-refusal';
import { binaryRefusal, looksBinary } from '../../tools/text-file';

/** Larger files are refused rather than held in memory and sent over stdio whole. */
export const maxAgentFileBytes = 10 * 1024 * 1024;

/**
 * An external agent's `fs/read_text_file`: the path confined to the worktree exactly as Braid's
 * own tools confine theirs (`resolveInsideWorkspace`: no `..` out, no absolute path elsewhere,
 * no symbolic link out, not `.git`), text only, `line` (1-based) and `limit` honoured.
 */
export async function readWorktreeText(worktree: string, request: { path: string; line?: number | null; limit?: number | null }): Promise<Result<{ content: string; shown: string }>> {
  const resolved = resolveInsideWorkspace(worktree, request.path);
  if (!resolved.ok) return resolved;
  const path = resolved.data;
  const shown = displayPath(worktree, path);
  try {
    const facts = await stat(path);
    if (facts.isDirectory()) return fail('INVALID_INPUT', `${shown} is a folder, not a file.`);
    if (facts.size > maxAgentFileBytes) return fail('INVALID_INPUT', `${shown} is ${facts.size} bytes; files over ${maxAgentFileBytes} bytes are not read.`);
    if (await looksBinary(path)) return fail('INVALID_INPUT', binaryRefusal(shown, facts.size));
    const text = await readFile(path, 'utf8');
    const start = Math.max(1, Math.floor(request.line ?? 1));
    const limit = request.limit === undefined || request.limit === null ? undefined : Math.max(0, Math.floor(request.limit));
    if (start === 1 && limit === undefined) return ok({ content: text, shown });
    const lines = text.split('\n');
    return ok({ content: lines.slice(start - 1, limit === undefined ? undefined : start - 1 + limit).join('\n'), shown });
  } catch (error) {
    return fileSystemRefusal(error, path) ?? fail('FILE_SYSTEM_ERROR', `${shown} could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** An external agent's `fs/write_text_file`, confined as reads are; missing folders are made. */
export async function writeWorktreeText(worktree: string, request: { path: string; content: string }): Promise<Result<{ shown: string; created: boolean; bytes: number }>> {
  const resolved = resolveInsideWorkspace(worktree, request.path);
  if (!resolved.ok) return resolved;
  const path = resolved.data;
  const shown = displayPath(worktree, path);
  const bytes = Buffer.byteLength(request.content, 'utf8');
  if (bytes > maxAgentFileBytes) return fail('INVALID_INPUT', `The content for ${shown} is ${bytes} bytes; at most ${maxAgentFileBytes} are written.`);
  try {
    const existing = await stat(path).catch(() => undefined);
    if (existing?.isDirectory()) return fail('INVALID_INPUT', `${shown} is a folder; give a file path.`);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, request.content, 'utf8');
    return ok({ shown, created: !existing, bytes });
  } catch (error) {
    return fileSystemRefusal(error, path) ?? fail('FILE_SYSTEM_ERROR', `${shown} could not be written: ${error instanceof Error ? error.message : String(error)}`);
  }
}
