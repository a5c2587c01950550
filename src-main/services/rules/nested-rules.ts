import { posix } from 'node:path';
import { runGit } from '../git/run-git';
import { readConfinedText } from '../markdown/confined-text';
import type { RuleDocument } from './rule-document';

/** The rules file names looked for in a sub-folder: the cross-tool standard first. */
export const nestedRuleNames = ['AGENTS.md', 'CLAUDE.md'] as const;

/**
 * The nested rules for a path the agent touched: those of the nearest folder above it (the
 * path itself when it is a folder) that holds an `AGENTS.md` or `CLAUDE.md`, below the root
 * (the root's are in every run's system prompt). As AGENTS.md says, the nearest one wins: a
 * file in `packages/api/src/` sees `packages/api/AGENTS.md`, not `packages/AGENTS.md` too.
 * Looked up on demand (a few stats per new folder, cached by the caller), so a repository's
 * size does not matter.
 */
export async function nearestNestedRules(worktree: string, path: string, isFolder: boolean, cache: Map<string, RuleDocument[]>): Promise<RuleDocument[]> {
  let folder = isFolder ? path : posix.dirname(path);
  while (folder !== '.' && folder !== '' && folder !== '/') {
    let found = cache.get(folder);
    if (!found) {
      found = [];
      for (const name of nestedRuleNames) {
        const file = `${folder}/${name}`;
        const read = await readConfinedText(worktree, file, file);
        if (read.ok) found.push({ file, scope: 'project', activation: 'nested', globs: [], description: null, body: read.text, root: worktree, realPath: read.realPath, importedBy: null });
      }
      cache.set(folder, found);
    }
    if (found.length > 0) return found;
    folder = posix.dirname(folder);
  }
  return [];
}

/** Every nested `AGENTS.md` / `CLAUDE.md` of the worktree that git sees (tracked or not ignored), for the rules panel. */
export async function listNestedRuleFiles(worktree: string): Promise<string[]> {
  const patterns = nestedRuleNames.map((name) => `:(glob)*/**/${name}`);
  const listed = await runGit(worktree, ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...patterns], { readOnly: true });
  if (listed.code !== 0) return [];
  return [...new Set(listed.stdout.split('\0').filter((name) => name !== ''))].sort();
}
