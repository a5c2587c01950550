import { open } from 'node:fs/promises';

/** How much of a file's start is inspected to decide whether it is text (git looks at 8000 bytes too). */
const sniffBytes = 8000;

/**
 * True when the file looks binary: a NUL byte near the start, the same rule git uses.
 * Tools refuse to show or edit such files rather than flood the model with garbage.
 */
export async function looksBinary(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(sniffBytes);
    const { bytesRead } = await handle.read(buffer, 0, sniffBytes, 0);
    return buffer.subarray(0, bytesRead).includes(0);
  } finally {
    await handle.close();
  }
}

export function binaryRefusal(shownPath: string, size: number): string {
  return `${shownPath} is a binary file (${size} bytes); its content cannot be shown as text.`;
}
