import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Real git repositories in temp folders, shared by unit, integration, e2e tests and the
 * benchmark. Identity and config are pinned so results never depend on the machine's git setup.
 */
export const gitEnv: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Braid Test',
  GIT_AUTHOR_EMAIL: 'test@braid.invalid',
  GIT_COMMITTER_NAME: 'Braid Test',
  GIT_COMMITTER_EMAIL: 'test@braid.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_TERMINAL_PROMPT: '0',
};

export function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, env: gitEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
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

export interface FixtureRepo {
  path: string;
  git(args: string[]): string;
  commit(files: Record<string, string>, message: string): string;
  head(): string;
  cleanup(): void;
}

/** A non-bare repository on `main` with one commit (or the files given). */
export function createRepo(options: { files?: Record<string, string>; branch?: string; parent?: string } = {}): FixtureRepo {
  const path = options.parent ? join(options.parent, 'repo') : makeTempDir('braid-repo-');
  mkdirSync(path, { recursive: true });
  git(path, ['init', '-q', '-b', options.branch ?? 'main']);
  git(path, ['config', 'user.name', 'Braid Test']);
  git(path, ['config', 'user.email', 'test@braid.invalid']);
  git(path, ['config', 'commit.gpgsign', 'false']);
  const repo: FixtureRepo = {
    path,
    git: (args) => git(path, args),
    commit: (files, message) => {
      writeFiles(path, files);
      git(path, ['add', '-A']);
      git(path, ['commit', '-q', '-m', message]);
      return git(path, ['rev-parse', 'HEAD']);
    },
    head: () => git(path, ['rev-parse', 'HEAD']),
    cleanup: () => rmSync(path, { recursive: true, force: true }),
  };
  repo.commit(options.files ?? { 'README.md': '# fixture\n', 'src/index.ts': 'export const answer = 42;\n' }, 'initial commit');
  return repo;
}
