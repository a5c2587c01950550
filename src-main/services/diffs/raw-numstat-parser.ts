import type { DiffFile, DiffFileStatus } from './diff-types';
import { toDiffPath } from './path-bytes';

/**
 * Parses the output of `git diff --raw --numstat -z -M --no-abbrev`: first one raw record
 * per file (`:oldmode newmode oldsha newsha status NUL path NUL [newpath NUL]`), then one
 * numstat record per file in the same order (`adds TAB dels TAB path NUL`, or for a rename
 * `adds TAB dels TAB NUL old NUL new NUL`; binary files have `-` for both counts).
 */
export function parseRawNumstat(output: Buffer): DiffFile[] {
  const fields = splitNul(output);
  const files: DiffFile[] = [];
  let index = 0;
  while (index < fields.length && fields[index]![0] === 0x3a /* ':' */) {
    const header = fields[index]!.toString('latin1').slice(1).split(' ');
    const [oldMode, newMode, , , statusField] = header;
    const letter = statusField?.[0] ?? 'M';
    const renamedOrCopied = letter === 'R' || letter === 'C';
    const first = fields[index + 1] ?? Buffer.alloc(0);
    const second = renamedOrCopied ? (fields[index + 2] ?? Buffer.alloc(0)) : undefined;
    index += renamedOrCopied ? 3 : 2;
    const file: DiffFile = {
      ...toDiffPath(second ?? first),
      status: statusOf(letter),
      additions: 0,
      deletions: 0,
      binary: false,
    };
    if (second) {
      const old = toDiffPath(first);
      file.oldPath = old.path;
      if (old.pathBytes) file.oldPathBytes = old.pathBytes;
      file.similarity = Number(statusField!.slice(1)) || 0;
    }
    if (oldMode && oldMode !== '000000') file.oldMode = oldMode;
    if (newMode && newMode !== '000000') file.newMode = newMode;
    files.push(file);
  }
  // Numstat records come in the same order as the raw ones.
  for (const file of files) {
    const record = fields[index];
    if (!record) break;
    const [additions, deletions, inlinePath] = record.toString('latin1').split('\t');
    index += inlinePath === '' ? 3 : 1;
    if (additions === '-' && deletions === '-') file.binary = true;
    else {
      file.additions = Number(additions) || 0;
      file.deletions = Number(deletions) || 0;
    }
  }
  return files;
}

function statusOf(letter: string): DiffFileStatus {
  switch (letter) {
    case 'A':
      return 'added';
    case 'D':
      return 'deleted';
    case 'R':
      return 'renamed';
    case 'C':
      return 'copied';
    case 'T':
      return 'typechange';
    default:
      // M, and U (unmerged: a conflict in progress) which differs like a modification.
      return 'modified';
  }
}

/**
 * Follows the raw records of that output while git is still printing the numstat part
 * (which takes most of its time), calling `onRecord` with each file's status letter and
 * raw name, so per-file work can overlap with git's.
 */
export class RawRecordStream {
  private pending: Buffer = Buffer.alloc(0);
  private done = false;

  constructor(private readonly onRecord: (status: string, name: Buffer) => void) {}

  push(chunk: Buffer): void {
    if (this.done) return;
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    let cursor = 0;
    while (cursor < this.pending.length) {
      if (this.pending[cursor] !== 0x3a /* ':' */) {
        this.done = true; // The numstat part has begun.
        break;
      }
      const headerEnd = this.pending.indexOf(0, cursor);
      if (headerEnd === -1) break;
      const letter = this.pending.subarray(cursor, headerEnd).toString('latin1').split(' ')[4]?.[0] ?? 'M';
      const names = letter === 'R' || letter === 'C' ? 2 : 1;
      let end = headerEnd;
      for (let i = 0; i < names && end !== -1; i++) end = this.pending.indexOf(0, end + 1);
      if (end === -1) break;
      const nameStart = names === 2 ? this.pending.indexOf(0, headerEnd + 1) + 1 : headerEnd + 1;
      this.onRecord(letter, Buffer.from(this.pending.subarray(nameStart, end)));
      cursor = end + 1;
    }
    this.pending = this.done ? Buffer.alloc(0) : this.pending.subarray(cursor);
  }
}

/** NUL-separated fields as views into `output` (no copies). A trailing NUL ends the last. */
export function splitNul(output: Buffer): Buffer[] {
  const fields: Buffer[] = [];
  let start = 0;
  while (start < output.length) {
    let end = output.indexOf(0, start);
    if (end === -1) end = output.length;
    fields.push(output.subarray(start, end));
    start = end + 1;
  }
  return fields;
}
