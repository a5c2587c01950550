import { withTempIndex } from '../git/temporary-index-file';
import { gitText, splitNul } from '../git/git-step';

/** A file to place in a tree (`oid` and `mode`), or to remove from it (`oid: null`). */
export interface TreeEdit {
  path: string;
  mode?: string;
  oid: string | null;
}

const zeroOid = '0'.repeat(40);

/** A new tree: `start` with `edits` applied. Removals go first so a file can replace a folder. */
export function editTree(repo: string, start: string, edits: readonly TreeEdit[]): Promise<string> {
  if (edits.length === 0) return Promise.resolve(start);
  return withTempIndex(async (env) => {
    await gitText(repo, ['read-tree', start], { env });
    const removals = edits.filter((edit) => edit.oid === null);
    const additions = edits.filter((edit) => edit.oid !== null);
    if (removals.length > 0) {
      // Mode 0 with the null id is --index-info's way of saying "remove this path".
      const info = removals.map((edit) => `0 ${zeroOid}\t${edit.path}\0`).join('');
      await gitText(repo, ['update-index', '-z', '--index-info'], { env, input: info });
    }
    if (additions.length > 0) {
      const info = additions.map((edit) => `${edit.mode ?? '100644'} ${edit.oid}\t${edit.path}\0`).join('');
      await gitText(repo, ['update-index', '-z', '--add', '--replace', '--index-info'], { env, input: info });
    }
    return gitText(repo, ['write-tree'], { env });
  });
}

export interface TreeEntry {
  path: string;
  mode: string;
  oid: string;
}

/** The file entries of `tree` at `paths` (exact paths, no pattern matching). */
export async function readTreeEntries(repo: string, tree: string, paths: readonly string[]): Promise<Map<string, TreeEntry>> {
  const entries = new Map<string, TreeEntry>();
  if (paths.length === 0) return entries;
  const output = await gitText(repo, ['--literal-pathspecs', 'ls-tree', '-r', '-z', '--full-tree', tree, '--', ...paths]);
  for (const field of splitNul(output)) {
    const match = /^(\d+) \w+ ([0-9a-f]+)\t(.*)$/s.exec(field);
    if (match) entries.set(match[3] ?? '', { mode: match[1] ?? '', oid: match[2] ?? '', path: match[3] ?? '' });
  }
  return entries;
}
