import { chmodSync, mkdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { commitAll, git, makeRepository, tempFolder, writeFiles } from '../testing/temp-folders';
import type { DiffWorkspace } from './diff-types';

/**
 * A repository on `main` plus a linked worktree on its own branch, like a Braid workspace.
 * Built on the shared fixtures (../testing) for the diff tests and their watcher tests.
 */
export interface TestWorkspace extends DiffWorkspace {
  repo: string;
  baseCommit: string;
  write(files: Record<string, string | Buffer>): void;
  remove(path: string): void;
  commit(message: string): string;
  git(...args: string[]): string;
  chmod(path: string, mode: number): void;
  symlink(target: string, path: string): void;
}

export function makeTestWorkspace(files: Record<string, string> = { 'README.md': '# test\n' }): TestWorkspace {
  const root = tempFolder('braid-diffs-');
  const repo = makeRepository(join(root, 'repo'), files);
  const path = join(root, 'workspace');
  git(repo, 'worktree', 'add', '--quiet', '-b', 'braid/test', path, 'main');
  const baseCommit = git(repo, 'rev-parse', 'main');
  return {
    path,
    repo,
    baseBranch: 'main',
    baseCommit,
    write: (entries) => {
      for (const [name, content] of Object.entries(entries)) {
        if (typeof content === 'string') writeFiles(path, { [name]: content });
        else {
          mkdirSync(dirname(join(path, name)), { recursive: true });
          writeFileSync(join(path, name), content);
        }
      }
    },
    remove: (name) => rmSync(join(path, name), { recursive: true, force: true }),
    commit: (message) => commitAll(path, message),
    git: (...args) => git(path, ...args),
    chmod: (name, mode) => chmodSync(join(path, name), mode),
    symlink: (target, name) => {
      rmSync(join(path, name), { force: true });
      symlinkSync(target, join(path, name));
    },
  };
}

/** The raw bytes of a name that is not valid UTF-8: `café.txt` in Latin-1. */
export const latin1Name = Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9]), Buffer.from('.txt')]);

/** Writes a file under a raw byte name (Node accepts Buffer paths). */
export function writeRawName(root: string, name: Buffer, content: string): void {
  writeFileSync(Buffer.concat([Buffer.from(`${root}/`), name]), content);
}

export function unlinkRawName(root: string, name: Buffer): void {
  unlinkSync(Buffer.concat([Buffer.from(`${root}/`), name]));
}
