import type { MergePreviewView } from '../../../src-shared/contract';
import { gitText, splitNul } from '../git/git-step';

/** One changed file, as the merge preview lists it (status A, M, D, T, R or C; null counts for binary files). */
export type FileChange = MergePreviewView['files'][number];

/** What changes from one tree (or commit) to another, with line counts, renames detected. */
export async function listFileChanges(repo: string, from: string, to: string): Promise<FileChange[]> {
  if (from === to) return [];
  const [names, counts] = await Promise.all([
    gitText(repo, ['diff-tree', '-r', '-z', '-M', '--name-status', from, to]),
    gitText(repo, ['diff-tree', '-r', '-z', '-M', '--numstat', from, to]),
  ]);
  const changes: FileChange[] = [];
  const nameFields = splitNul(names);
  for (let i = 0; i < nameFields.length; ) {
    const code = nameFields[i] ?? '';
    const status = code.charAt(0);
    if (status === 'R' || status === 'C') {
      changes.push({ status, oldPath: nameFields[i + 1] ?? '', path: nameFields[i + 2] ?? '', additions: null, deletions: null });
      i += 3;
    } else {
      changes.push({ status, path: nameFields[i + 1] ?? '', additions: null, deletions: null });
      i += 2;
    }
  }
  const byPath = new Map(changes.map((change) => [change.path, change]));
  // numstat -z: "add\tdel\tpath\0", or "add\tdel\t\0old\0new\0" for a rename.
  const countFields = splitNul(counts);
  for (let i = 0; i < countFields.length; i++) {
    const [added = '', deleted = '', path = ''] = (countFields[i] ?? '').split('\t');
    let target = path;
    if (path === '') {
      target = countFields[i + 2] ?? '';
      i += 2;
    }
    const change = byPath.get(target);
    if (!change) continue;
    change.additions = added === '-' ? null : Number(added);
    change.deletions = deleted === '-' ? null : Number(deleted);
  }
  return changes;
}

export interface PathChange {
  path: string;
  /** A, M, D or T, renames split into a delete and an add. */
  status: string;
}

/** Every path that differs between two trees, renames split, for checks that care about paths. */
export async function listChangedPaths(repo: string, from: string, to: string): Promise<PathChange[]> {
  if (from === to) return [];
  const fields = splitNul(await gitText(repo, ['diff-tree', '-r', '-z', '--no-renames', '--name-status', from, to]));
  const changes: PathChange[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) changes.push({ status: fields[i] ?? '', path: fields[i + 1] ?? '' });
  return changes;
}
