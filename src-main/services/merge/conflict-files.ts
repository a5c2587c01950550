import { fail, ok, type Result } from '../../../src-shared/contract';
import { gitBytes, gitText } from '../git/git-step';
import type { MergeTreeConflict, MergeTreeResult } from './merge-tree';
import type { ConflictFile, ConflictResolution, ConflictSide } from './merge-types';
import { editTree, readTreeEntries, type TreeEdit } from './tree-edits';

/** Texts larger than this are not sent to a three-way view (the oids still are). */
const maxTextBytes = 2 * 1024 * 1024;

/** Base, ours and theirs of every conflicted file, plus git's merged text with markers. */
export async function readConflictFiles(repo: string, mergeTree: MergeTreeResult, conflicts: readonly MergeTreeConflict[]): Promise<ConflictFile[]> {
  const merged = await readTreeEntries(
    repo,
    mergeTree.tree,
    conflicts.map((conflict) => conflict.path),
  );
  return Promise.all(
    conflicts.map(async (conflict) => {
      const side = (stage: 1 | 2 | 3) => {
        const entry = conflict.stages.find((item) => item.stage === stage);
        return entry ? readSide(repo, entry.mode, entry.oid) : Promise.resolve(null);
      };
      const mergedEntry = merged.get(conflict.path);
      const [base, ours, theirs, mergedSide] = await Promise.all([
        side(1),
        side(2),
        side(3),
        mergedEntry ? readSide(repo, mergedEntry.mode, mergedEntry.oid) : Promise.resolve(null),
      ]);
      return { path: conflict.path, base, ours, theirs, merged: mergedSide?.text ?? null, messages: mergeTree.messages.get(conflict.path) ?? [] };
    }),
  );
}

async function readSide(repo: string, mode: string, oid: string): Promise<ConflictSide> {
  // Submodules (160000) have no blob to read.
  if (mode === '160000') return { mode, oid, binary: true, text: null };
  const size = Number(await gitText(repo, ['cat-file', '-s', oid]));
  if (size > maxTextBytes) return { mode, oid, binary: false, text: null };
  const bytes = await gitBytes(repo, ['cat-file', 'blob', oid]);
  const binary = bytes.subarray(0, 8000).includes(0);
  return { mode, oid, binary, text: binary ? null : bytes.toString('utf8') };
}

/**
 * The merged tree with the user's resolutions written in: new blobs via `hash-object -w`,
 * placed with a private index. Every conflicted path needs a resolution.
 */
export async function applyResolutions(
  repo: string,
  mergeTree: MergeTreeResult,
  conflicts: readonly MergeTreeConflict[],
  resolutions: readonly ConflictResolution[],
): Promise<Result<string>> {
  const byPath = new Map(resolutions.map((resolution) => [resolution.path, resolution]));
  const missing = conflicts.filter((conflict) => !byPath.has(conflict.path)).map((conflict) => conflict.path);
  if (missing.length > 0) return fail('INVALID_INPUT', `Still conflicted: ${missing.join(', ')}.`, { files: missing });
  const unknown = resolutions.filter((resolution) => !conflicts.some((conflict) => conflict.path === resolution.path)).map((item) => item.path);
  if (unknown.length > 0) return fail('INVALID_INPUT', `Not conflicted in this merge: ${unknown.join(', ')}.`, { files: unknown });

  const edits: TreeEdit[] = [];
  for (const conflict of conflicts) {
    const resolution = byPath.get(conflict.path);
    if (!resolution) continue;
    const stageOf = (stage: 1 | 2 | 3) => conflict.stages.find((item) => item.stage === stage);
    if ('delete' in resolution) {
      edits.push({ path: conflict.path, oid: null });
    } else if ('take' in resolution) {
      const entry = stageOf(resolution.take === 'ours' ? 2 : resolution.take === 'theirs' ? 3 : 1);
      // Taking a side that deleted the file deletes it.
      edits.push(entry ? { path: conflict.path, mode: entry.mode, oid: entry.oid } : { path: conflict.path, oid: null });
    } else {
      const content = typeof resolution.content === 'string' ? resolution.content : Buffer.from(resolution.content);
      const oid = await gitText(repo, ['hash-object', '-w', '--stdin'], { input: content });
      const mode = stageOf(2)?.mode ?? stageOf(3)?.mode ?? '100644';
      edits.push({ path: conflict.path, mode: mode === '160000' ? '100644' : mode, oid });
    }
  }
  return ok(await editTree(repo, mergeTree.tree, edits));
}
