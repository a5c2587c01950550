import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, onTestFinished } from 'vitest';
import type { Result } from '../../../src-shared/contract';
import { createRepo, git, gitEnv, makeTempDir, writeFiles, type FixtureRepo } from '../../testing/git-fixtures';
import { RepoQueue } from '../git/repo-queue';
import { MergeService, type MergeServiceOptions } from '../merge/merge-service';
import type { MergeProject, MergeWorkspace } from '../merge/merge-types';

/** A real repository on `main` with Braid-style worktrees next to it, removed after the test. */
export interface MergeFixture {
  repo: FixtureRepo;
  project: MergeProject;
  service: MergeService;
  addWorkspace(name: string, baseBranch?: string): MergeWorkspace;
  /** Writes files in a folder and commits them there (everything, `add -A`). */
  commitIn(folder: string, files: Record<string, string>, message: string, remove?: string[]): string;
  rev(ref: string): string;
  /** The file's text in a commit, or null when it has none there. */
  show(commit: string, path: string): string | null;
}

export function makeMergeFixture(files?: Record<string, string>, options: Partial<MergeServiceOptions> = {}): MergeFixture {
  const repo = createRepo({ files });
  const worktrees = makeTempDir('braid-merge-wt-');
  onTestFinished(() => {
    repo.cleanup();
    rmSync(worktrees, { recursive: true, force: true });
  });
  const queue = new RepoQueue();
  const project = { id: 'project1', path: repo.path };
  const service = new MergeService({ inRepoQueue: (target, operation) => queue.run(target.path, operation), now: () => 1_000, ...options });
  return {
    repo,
    project,
    service,
    addWorkspace(name, baseBranch = 'main') {
      const path = join(worktrees, name);
      const branch = `braid/${name}`;
      git(repo.path, 'worktree', 'add', '--quiet', '-b', branch, path, baseBranch);
      return { id: name, path, branch, baseBranch };
    },
    commitIn(folder, changes, message, remove = []) {
      writeFiles(folder, changes);
      for (const path of remove) rmSync(join(folder, path), { force: true });
      git(folder, 'add', '-A');
      git(folder, 'commit', '--quiet', '--allow-empty', '-m', message);
      return git(folder, 'rev-parse', 'HEAD');
    },
    rev: (ref) => git(repo.path, 'rev-parse', ref),
    show(commit, path) {
      try {
        return execFileSync('git', ['cat-file', 'blob', `${commit}:${path}`], { cwd: repo.path, env: gitEnv, encoding: 'utf8', stdio: 'pipe' });
      } catch {
        return null;
      }
    },
  };
}

export function expectOk<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.data;
}

export function expectFail<T>(result: Result<T>, code: string): { message: string; details?: unknown } {
  if (result.ok) throw new Error(`expected ${code}, got ok`);
  expect(result.error.code).toBe(code);
  return result.error;
}

/** Every file under a folder (except .git) with its bytes, for "nothing changed" checks. */
export function readFolder(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === '.git') continue;
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.set(relative(root, full), readFileSync(full).toString('base64'));
    }
  };
  if (existsSync(root)) walk(root);
  return files;
}

/** Refs, the index file and the files of a checkout: the state an abort must leave exactly as it was. */
export function captureState(repoPath: string, checkouts: string[]): { refs: string; indexes: string[]; files: Map<string, string>[] } {
  return {
    refs: git(repoPath, 'for-each-ref', '--format=%(refname) %(objectname)'),
    indexes: checkouts.map((checkout) => {
      const index = git(checkout, 'rev-parse', '--path-format=absolute', '--git-path', 'index');
      return existsSync(index) ? readFileSync(index).toString('base64') : '';
    }),
    files: checkouts.map(readFolder),
  };
}
