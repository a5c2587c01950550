import { chmodSync, mkdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { commitAll, createRepo, git } from '../../testing/git-fixtures';
import { RepoQueue } from '../git/repo-queue';
import type { WorkspaceHandle } from '../workspaces/workspace-handle';
import { tempFolder } from './temp-folders';

/**
 * A workspace as Braid makes one: a real repository on `main` and a real linked worktree on
 * `braid/task` made from it, removed when the test finishes. It is its own `WorkspaceHandle`
 * (and so a `DiffWorkspace`) for diffs, review, history and merge; `handle` is the same
 * fields as a plain handle. The repository has its own identity, so commits never depend on
 * the machine's git config.
 */
export interface TestWorkspace extends WorkspaceHandle {
  handle: WorkspaceHandle;
  /** The user's checkout (the main worktree). */
  repo: string;
  baseCommit: string;
  /** Git in the worktree. */
  git(...args: string[]): string;
  write(files: Record<string, string | Buffer>): void;
  read(path: string): string;
  remove(path: string): void;
  /** Commits everything in the worktree. */
  commit(message: string): string;
  /** Writes files in the worktree and commits everything there. */
  commitInWorkspace(files: Record<string, string>, message: string): string;
  /** Commits on `main` in the user's checkout: the base moves on. */
  commitOnBase(files: Record<string, string>, message: string): string;
  chmod(path: string, mode: number): void;
  symlink(target: string, path: string): void;
}

export function makeWorkspace(files: Record<string, string> = { 'README.md': '# app\n' }): TestWorkspace {
  const root = tempFolder('braid-workspace-');
  const repo = createRepo({ path: join(root, 'app'), files }).path;
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
  const write = (folder: string, entries: Record<string, string | Buffer>) => {
    for (const [name, content] of Object.entries(entries)) {
      mkdirSync(dirname(join(folder, name)), { recursive: true });
      writeFileSync(join(folder, name), content);
    }
  };
  return {
    ...handle,
    baseCommit: handle.baseCommit!,
    handle,
    repo,
    git: (...args) => git(path, ...args),
    write: (entries) => write(path, entries),
    read: (file) => readFileSync(join(path, file), 'utf8'),
    remove: (name) => rmSync(join(path, name), { recursive: true, force: true }),
    commit: (message) => commitAll(path, message),
    commitInWorkspace(entries, message) {
      write(path, entries);
      return commitAll(path, message);
    },
    commitOnBase(entries, message) {
      write(repo, entries);
      return commitAll(repo, message);
    },
    chmod: (name, mode) => chmodSync(join(path, name), mode),
    symlink: (target, name) => {
      rmSync(join(path, name), { force: true });
      symlinkSync(target, join(path, name));
    },
  };
}

/** Numbered lines `line 1` … `line n`, each ending in a newline. */
export function numberedLines(count: number, prefix = 'line'): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix} ${index + 1}`);
}

export const asFile = (lines: readonly string[]) => `${lines.join('\n')}\n`;

/** The raw bytes of a name that is not valid UTF-8: `café.txt` in Latin-1. */
export const latin1Name = Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9]), Buffer.from('.txt')]);

/** Writes a file under a raw byte name (Node accepts Buffer paths). */
export function writeRawName(root: string, name: Buffer, content: string): void {
  writeFileSync(Buffer.concat([Buffer.from(`${root}/`), name]), content);
}

export function unlinkRawName(root: string, name: Buffer): void {
  unlinkSync(Buffer.concat([Buffer.from(`${root}/`), name]));
}
