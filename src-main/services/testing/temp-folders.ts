import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { onTestFinished } from 'vitest';
import { gitEnv, makeTempDir, writeFiles } from '../../testing/git-fixtures';

export { writeFiles };

/** A fresh folder (real path) removed when the current test finishes. */
export function tempFolder(prefix = 'braid-test-'): string {
  const dir = makeTempDir(prefix);
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const identity = ['-c', 'user.name=Braid Test', '-c', 'user.email=test@braid.invalid', '-c', 'commit.gpgsign=false'];

/** Runs git synchronously for test setup, throwing on failure. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', [...identity, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...gitEnv, LC_ALL: 'C' } }).trim();
}

/** A repository on `main` with one commit of `files` (a README by default). */
export function makeRepository(dir: string, files: Record<string, string> = { 'README.md': '# test\n' }): string {
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '--quiet', '--initial-branch=main');
  writeFiles(dir, files);
  commitAll(dir, 'initial commit');
  return dir;
}

export function commitAll(dir: string, message: string): string {
  git(dir, 'add', '-A');
  git(dir, 'commit', '--quiet', '--allow-empty', '-m', message);
  return git(dir, 'rev-parse', 'HEAD');
}
