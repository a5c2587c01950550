import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * The one git test helper: real repositories in temp folders, shared by unit, integration and
 * e2e tests and the benchmark (plain Node, no test runner: Vitest's clean-up is in
 * services/testing/temp-folders.ts). Identity and config are pinned so results never depend
 * on the machine's git setup.
 */
export const gitEnv: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Braid Test',
  GIT_AUTHOR_EMAIL: 'test@braid.invalid',
  GIT_COMMITTER_NAME: 'Braid Test',
  GIT_COMMITTER_EMAIL: 'test@braid.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_TERMINAL_PROMPT: '0',
  // A signing setup in the developer's global config must not stop a test commit.
  GIT_CONFIG_COUNT: '1',
  GIT_CONFIG_KEY_0: 'commit.gpgsign',
  GIT_CONFIG_VALUE_0: 'false',
};

/** Runs git synchronously for test setup and checks (messages in English), throwing on failure; stdout trimmed. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: { ...gitEnv, LC_ALL: 'C' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** A fresh temp folder (real path, so comparisons with git's output hold on macOS too). */
export function makeTempDir(prefix = 'braid-test-'): string {
  return realpathSync(mkdtempSync(join(tmpdir(), prefix)));
}

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
}

/** Commits everything in the folder (`add -A`; empty commits allowed); the new HEAD. */
export function commitAll(folder: string, message = 'commit'): string {
  git(folder, 'add', '-A');
  git(folder, 'commit', '--quiet', '--allow-empty', '-m', message);
  return git(folder, 'rev-parse', 'HEAD');
}

export interface FixtureRepo {
  path: string;
  git(...args: string[]): string;
  commit(files: Record<string, string>, message: string): string;
  head(): string;
  cleanup(): void;
}

export interface RepoOptions {
  /** The first commit's files (default: a README and src/index.ts). */
  files?: Record<string, string>;
  branch?: string;
  /** Exactly here (made if missing). */
  path?: string;
  /** In `<parent>/repo`. Without `path` or `parent`: a fresh temp folder. */
  parent?: string;
}

/** A non-bare repository on `main` (or `branch`) with one commit of `files`, with its own identity. */
export function createRepo(options: RepoOptions = {}): FixtureRepo {
  const path = options.path ?? (options.parent ? join(options.parent, 'repo') : makeTempDir('braid-repo-'));
  mkdirSync(path, { recursive: true });
  git(path, 'init', '-q', '-b', options.branch ?? 'main');
  git(path, 'config', 'user.name', 'Braid Test');
  git(path, 'config', 'user.email', 'test@braid.invalid');
  git(path, 'config', 'commit.gpgsign', 'false');
  const repo: FixtureRepo = {
    path,
    git: (...args) => git(path, ...args),
    commit: (files, message) => {
      writeFiles(path, files);
      return commitAll(path, message);
    },
    head: () => git(path, 'rev-parse', 'HEAD'),
    cleanup: () => rmSync(path, { recursive: true, force: true }),
  };
  repo.commit(options.files ?? { 'README.md': '# fixture\n', 'src/index.ts': 'export const answer = 42;\n' }, 'initial commit');
  return repo;
}
