import type { DiffFileRef, DiffPath } from './diff-types';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lossyUtf8 = new TextDecoder('utf-8');

/** A raw file name from git as display text, plus its bytes when the text alone is lossy. */
export function toDiffPath(bytes: Buffer): DiffPath {
  try {
    return { path: strictUtf8.decode(bytes) };
  } catch {
    return { path: lossyUtf8.decode(bytes), pathBytes: bytes.toString('base64') };
  }
}

/** The raw bytes a `DiffPath` stands for. */
export function pathBytesOf(path: DiffPath): Buffer {
  return path.pathBytes ? Buffer.from(path.pathBytes, 'base64') : Buffer.from(path.path, 'utf8');
}

export interface ResolvedFileRef {
  path: DiffPath;
  bytes: Buffer;
  oldPath?: DiffPath;
  oldBytes?: Buffer;
}

export function resolveFileRef(ref: DiffFileRef): ResolvedFileRef {
  const path: DiffPath = typeof ref === 'string' ? { path: ref } : pick(ref.path, ref.pathBytes);
  const resolved: ResolvedFileRef = { path, bytes: pathBytesOf(path) };
  if (typeof ref !== 'string' && ref.oldPath !== undefined) {
    const oldPath = pick(ref.oldPath, ref.oldPathBytes);
    const oldBytes = pathBytesOf(oldPath);
    if (!oldBytes.equals(resolved.bytes)) Object.assign(resolved, { oldPath, oldBytes });
  }
  return resolved;
}

const pick = (path: string, pathBytes: string | undefined): DiffPath => (pathBytes ? { path, pathBytes } : { path });

/**
 * A pathspec that matches exactly this name. Command-line arguments can only carry UTF-8,
 * so a name that is not valid UTF-8 becomes a glob with `?` (one byte) for each byte that
 * cannot be expressed; it may match a few other names, and the caller filters by bytes.
 */
export function exactPathspec(bytes: Buffer): { pathspec: string; exact: boolean } {
  try {
    return { pathspec: `:(literal)${strictUtf8.decode(bytes)}`, exact: true };
  } catch {
    let pattern = '';
    let index = 0;
    while (index < bytes.length) {
      const length = utf8SequenceLength(bytes, index);
      if (length === 0) {
        pattern += '?';
        index += 1;
      } else {
        const text = bytes.subarray(index, index + length).toString('utf8');
        pattern += /[*?[\]\\]/.test(text) ? `\\${text}` : text;
        index += length;
      }
    }
    return { pathspec: `:(glob)${pattern}`, exact: false };
  }
}

/** Length of the valid UTF-8 sequence starting at `index`, or 0 when the byte starts none. */
function utf8SequenceLength(bytes: Buffer, index: number): number {
  const first = bytes[index]!;
  const length = first < 0x80 ? 1 : first >= 0xc2 && first < 0xe0 ? 2 : first >= 0xe0 && first < 0xf0 ? 3 : first >= 0xf0 && first < 0xf5 ? 4 : 0;
  if (length <= 1 || index + length > bytes.length) return length === 1 ? 1 : 0;
  try {
    strictUtf8.decode(bytes.subarray(index, index + length));
    return length;
  } catch {
    return 0;
  }
}
