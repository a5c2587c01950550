import type { DiffFile } from './review-types';

/** A file's identity in a list: its raw name when it is not UTF-8, else its path. */
export const fileKey = (file: Pick<DiffFile, 'path' | 'pathBytes'>): string => file.pathBytes ?? file.path;

/** The file `delta` places after (or before) the focused one; stays put at either end. */
export function adjacentFile(files: readonly DiffFile[], focusedKey: string | null, delta: 1 | -1): DiffFile | null {
  if (files.length === 0) return null;
  const index = focusedKey === null ? -1 : files.findIndex((file) => fileKey(file) === focusedKey);
  if (index === -1) return delta === 1 ? files[0]! : files[files.length - 1]!;
  return files[Math.min(files.length - 1, Math.max(0, index + delta))]!;
}

/**
 * Which file stays focused when the list changes under the reviewer: the same file if it is
 * still there, else the one that took its place (same position, or the new last one), else
 * the first file.
 */
export function keepFocus(previous: readonly DiffFile[], next: readonly DiffFile[], focusedKey: string | null): string | null {
  if (next.length === 0) return null;
  if (focusedKey !== null && next.some((file) => fileKey(file) === focusedKey)) return focusedKey;
  if (focusedKey !== null) {
    const oldIndex = previous.findIndex((file) => fileKey(file) === focusedKey);
    if (oldIndex !== -1) return fileKey(next[Math.min(oldIndex, next.length - 1)]!);
  }
  return fileKey(next[0]!);
}

