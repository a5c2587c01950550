import { runGitBytes } from '../git/run-git';
import { GitStepError, splitNul } from '../git/git-step';

/** One index stage of a conflicted path: 1 = merge base, 2 = ours (the target), 3 = theirs. */
export interface ConflictStage {
  stage: 1 | 2 | 3;
  mode: string;
  oid: string;
}

export interface MergeTreeConflict {
  path: string;
  stages: ConflictStage[];
}

export interface MergeTreeResult {
  /** The merged tree; conflicted files in it carry conflict markers. */
  tree: string;
  clean: boolean;
  conflicts: MergeTreeConflict[];
  /** Git's own words about each conflict, e.g. "CONFLICT (modify/delete): …", by path. */
  messages: Map<string, string[]>;
}

/**
 * A real three-way merge of two commits computed entirely in the object database
 * (`git merge-tree --write-tree`): no index, no working tree, no ref is touched. Writes only
 * loose objects, so throwing the answer away leaves the repository as it was.
 */
export async function mergeTrees(repo: string, ours: string, theirs: string): Promise<MergeTreeResult> {
  const args = ['merge-tree', '--write-tree', '--messages', '-z', ours, theirs];
  const result = await runGitBytes(repo, args);
  // 0: clean, 1: conflicts; anything else is git failing (unrelated histories, bad object).
  if (result.code !== 0 && result.code !== 1) throw new GitStepError(args, result.stderr);
  return parseMergeTree(result.stdout.toString('utf8'), result.code === 0);
}

export function parseMergeTree(output: string, clean: boolean): MergeTreeResult {
  const fields = output.split('\0');
  const tree = fields[0] ?? '';
  const byPath = new Map<string, MergeTreeConflict>();
  let index = 1;
  // Conflicted entries ("<mode> <oid> <stage>\t<path>") end at an empty field.
  for (; index < fields.length; index++) {
    const field = fields[index] ?? '';
    if (field === '') {
      index++;
      break;
    }
    const match = /^(\d+) ([0-9a-f]+) ([123])\t(.*)$/s.exec(field);
    if (!match) continue;
    const path = match[4] ?? '';
    const entry = byPath.get(path) ?? { path, stages: [] };
    entry.stages.push({ stage: Number(match[3]) as 1 | 2 | 3, mode: match[1] ?? '', oid: match[2] ?? '' });
    byPath.set(path, entry);
  }
  // Messages: "<count>\0<path>…\0<type>\0<text>\0" repeated.
  const messages = new Map<string, string[]>();
  const rest = splitNul(fields.slice(index).join('\0'));
  for (let i = 0; i < rest.length; ) {
    const count = Number(rest[i]);
    if (!Number.isInteger(count) || count < 0) break;
    const paths = rest.slice(i + 1, i + 1 + count);
    const type = rest[i + 1 + count] ?? '';
    const text = (rest[i + 2 + count] ?? '').trim();
    i += count + 3;
    if (!type.startsWith('CONFLICT')) continue;
    for (const path of paths) messages.set(path, [...(messages.get(path) ?? []), text]);
  }
  return { tree, clean, conflicts: [...byPath.values()], messages };
}
