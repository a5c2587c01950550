import { posix } from 'node:path';

export type ChangeKind = 'added' | 'deleted' | 'modified';

export interface ChangedPath {
  path: string;
  kind: ChangeKind;
}

const verbs: Record<ChangeKind, string> = { added: 'Add', deleted: 'Delete', modified: 'Update' };

/**
 * A commit subject a person might have written for these changes: "Update nav.ts",
 * "Add a.ts and b.ts", "Update nav.ts and 3 other files". File names, not paths, keep it
 * short; the verb is Add/Delete only when every change is one.
 */
export function suggestCommitMessage(changes: readonly ChangedPath[]): string {
  if (changes.length === 0) return 'Update files';
  const kinds = [...new Set(changes.map((change) => change.kind))];
  const verb = kinds.length === 1 && kinds[0] ? verbs[kinds[0]] : 'Update';
  const names = changes.map((change) => posix.basename(change.path));
  if (names.length === 1) return `${verb} ${names[0]}`;
  if (names.length === 2) return `${verb} ${names[0]} and ${names[1]}`;
  return `${verb} ${names[0]} and ${names.length - 1} other files`;
}

/** For one accepted hunk: the file and the lines it touches in the new version. */
export function suggestHunkCommitMessage(path: string, hunk: { oldStart: number; oldLines: number; newStart: number; newLines: number }): string {
  const name = posix.basename(path);
  if (hunk.newLines === 0) return `Update ${name}: remove ${lineRange(hunk.oldStart, hunk.oldLines)}`;
  return `Update ${name} (${lineRange(hunk.newStart, hunk.newLines)})`;
}

function lineRange(start: number, count: number): string {
  return count === 1 ? `line ${start}` : `lines ${start}-${start + count - 1}`;
}

/** `git diff --name-status -z --no-renames` output as changes (A added, D deleted, the rest modified). */
export function parseNameStatus(output: string): ChangedPath[] {
  const fields = output.split('\0').filter(Boolean);
  const changes: ChangedPath[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const status = fields[i] ?? '';
    const path = fields[i + 1] ?? '';
    changes.push({ path, kind: status.startsWith('A') ? 'added' : status.startsWith('D') ? 'deleted' : 'modified' });
  }
  return changes;
}
