import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileDiff } from '../../src-main/services/diffs/file-diff';
import { workspaceDiff } from '../../src-main/services/diffs/workspace-diff';
import { createRepo, git, makeTempDir } from '../../src-main/testing/git-fixtures';
import { median, round, type Scenario } from '../harness';

const run = promisify(execFile);
const repoFiles = 5_000;
const modified = 1_500;
const deleted = 200;
const untracked = 300;
const runs = 7;

const fileName = (i: number) => `pkg-${i % 25}/area-${Math.floor(i / 25) % 10}/module-${i}.ts`;
const fileBody = (i: number, edited: boolean) =>
  Array.from({ length: 40 }, (_, line) => `export const value${i}_${line} = ${edited && line % 10 === 3 ? line * 7 : line};\n`).join('');

/**
 * A workspace with 2,000 changed files in a 5,000-file repository (1,500 modified, 300 new
 * untracked, 200 deleted): Braid's file list with line counts against plain
 * `git diff --numstat <merge-base>` on the same tree, interleaved; then one file's diff.
 */
export const diffLarge: Scenario = {
  name: 'diff-large',
  description: `${modified + untracked + deleted} changed files in a ${repoFiles.toLocaleString('en')}-file workspace: file list vs git numstat`,
  async run() {
    const base = makeTempDir('braid-bench-diff-');
    try {
      const files: Record<string, string> = {};
      for (let i = 0; i < repoFiles; i++) files[fileName(i)] = fileBody(i, false);
      const repo = createRepo({ parent: base, files });
      const path = join(base, 'workspace');
      git(repo.path, 'worktree', 'add', '--quiet', '-b', 'braid/bench', path, 'main');
      const workspace = { path, baseBranch: 'main', baseCommit: repo.head() };

      for (let i = 0; i < modified; i++) writeFileSync(join(path, fileName(i)), fileBody(i, true));
      for (let i = modified; i < modified + deleted; i++) unlinkSync(join(path, fileName(i)));
      for (let i = 0; i < untracked; i++) {
        mkdirSync(join(path, 'new', `group-${i % 10}`), { recursive: true });
        writeFileSync(join(path, 'new', `group-${i % 10}`, `added-${i}.ts`), fileBody(i, true));
      }
      const mergeBase = git(path, 'merge-base', 'HEAD', 'main');

      const listed = async () => {
        const started = performance.now();
        const result = await workspaceDiff(workspace);
        if (!result.ok) throw new Error(result.error.message);
        if (result.data.files.length !== modified + deleted + untracked) throw new Error(`listed ${result.data.files.length} files`);
        return performance.now() - started;
      };
      const numstat = async () => {
        const started = performance.now();
        await run('git', ['diff', '--numstat', mergeBase], { cwd: path, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } });
        return performance.now() - started;
      };
      const opened = async () => {
        const started = performance.now();
        const result = await fileDiff(workspace, fileName(42));
        if (!result.ok || result.data.hunks.length === 0) throw new Error('the file diff came back empty');
        return performance.now() - started;
      };

      // Unmeasured first round: the first reads pay for cold caches and the index refresh.
      await listed();
      await numstat();
      await opened();
      const list: number[] = [];
      const gitTimes: number[] = [];
      const open: number[] = [];
      for (let i = 0; i < runs; i++) {
        if (i % 2 === 0) {
          list.push(await listed());
          gitTimes.push(await numstat());
        } else {
          gitTimes.push(await numstat());
          list.push(await listed());
        }
        open.push(await opened());
      }
      const listMs = median(list);
      const gitMs = median(gitTimes);
      return {
        list_ms: round(listMs),
        git_numstat_ms: round(gitMs),
        ratio_vs_git: round(listMs / gitMs, 3),
        // Each list against the git run next to it: steadier when the machine's load drifts.
        pair_ratio_median: round(median(list.map((ms, i) => ms / gitTimes[i]!)), 3),
        open_file_ms: round(median(open)),
      };
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  },
};
