import { open } from 'node:fs/promises';

/** Larger files are read only this far: rules and commands are short, a huge file is a mistake. */
export const maxReadBytes = 512 * 1024;

export type TextFileRead =
  | { ok: true; text: string; cutAtBytes: number | null }
  | { ok: false; reason: 'missing' | 'not-a-file' | 'binary' | 'unreadable'; message: string };

/**
 * Reads a rules or command file as text: a UTF-8 byte-order mark is dropped (Windows editors
 * write one, and it would glue itself to `---` or the first word), CRLF becomes LF, a file with
 * NUL bytes is binary and refused. The caller has already confined `path`.
 */
export async function readTextFile(path: string, shown: string): Promise<TextFileRead> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, reason: 'missing', message: `${shown} does not exist` };
    return { ok: false, reason: 'unreadable', message: `${shown} could not be read (${code ?? 'error'})` };
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return { ok: false, reason: 'not-a-file', message: `${shown} is not a file` };
    const size = Math.min(stat.size, maxReadBytes);
    const buffer = Buffer.alloc(size);
    const { bytesRead } = await handle.read(buffer, 0, size, 0);
    const bytes = buffer.subarray(0, bytesRead);
    if (bytes.includes(0)) return { ok: false, reason: 'binary', message: `${shown} is not a text file` };
    return { ok: true, text: normalizeText(bytes.toString('utf8')), cutAtBytes: stat.size > maxReadBytes ? maxReadBytes : null };
  } catch (error) {
    return { ok: false, reason: 'unreadable', message: `${shown} could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  } finally {
    await handle.close();
  }
}

/** Drops a leading byte-order mark and turns CRLF (and lone CR) line ends into LF. */
export function normalizeText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}
