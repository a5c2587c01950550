import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RepoQueue } from '../git/repo-queue';
import { git, makeRepository, tempFolder, writeFiles } from '../testing/temp-folders';
import type { WorkspaceHandle } from '../workspaces/workspace-handle';

/**
 * Test fixture: a real repository on `main` and a real worktree on `braid/task` made from
 * it, as Braid makes them, with the handle the review and history operations take. The
 * repository has its own identity so commits never depend on the machine's git config.
 */
export function makeWorkspace(files: Record<string, string> = { 'README.md': '# app\n' }) {
  const root = tempFolder('braid-history-');
  const repo = makeRepository(join(root, 'app'), files);
  git(repo, 'config', 'user.name', 'Braid Test');
  git(repo, 'config', 'user.email', 'test@braid.invalid');
  git(repo, 'config', 'commit.gpgsign', 'false');
  const path = join(root, 'worktrees', 'task');
  git(repo, 'worktree', 'add', '--quiet', '-b', 'braid/task', path, 'main');
  const queue = new RepoQueue();
  const handle: WorkspaceHandle = {
    path,
    branch: 'braid/task',
    baseBranch: 'main',
    baseCommit: git(repo, 'rev-parse', 'main'),
    inRepoQueue: (operation) => queue.run(repo, operation),
  };
  return {
    repo,
    handle,
    /** Git in the worktree. */
    git: (...args: string[]) => git(path, ...args),
    write: (entries: Record<string, string>) => writeFiles(path, entries),
    read: (file: string) => readFileSync(join(path, file), 'utf8'),
    /** Commits on `main` in the user's checkout: the base moves on. */
    commitOnBase(entries: Record<string, string>, message: string): string {
      writeFiles(repo, entries);
      git(repo, 'add', '-A');
      git(repo, 'commit', '--quiet', '-m', message);
      return git(repo, 'rev-parse', 'HEAD');
    },
    /** Commits everything in the worktree. */
    commitInWorkspace(entries: Record<string, string>, message: string): string {
      writeFiles(path, entries);
      git(path, 'add', '-A');
      git(path, 'commit', '--quiet', '-m', message);
      return git(path, 'rev-parse', 'HEAD');
    },
  };
}

/** Numbered lines `line 1` … `line n`, each ending in a newline. */
export function numberedLines(count: number, prefix = 'line'): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix} ${index + 1}`);
}

export const asFile = (lines: readonly string[]) => `${lines.join('\n')}\n`;
