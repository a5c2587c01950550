import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createServices } from '../../src-main/services';
import { median, percentile, round, type Scenario } from '../harness';

const run = promisify(execFile);
const fileCount = 20_000;
const workspaces = 20;
const identity = ['-c', 'user.name=Braid Bench', '-c', 'user.email=bench@braid.invalid', '-c', 'commit.gpgsign=false'];

/** A repository of `fileCount` small files, four folders deep, in one commit. */
async function generateRepository(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < fileCount; i++) {
    const folder = join(dir, `pkg-${i % 20}`, `area-${Math.floor(i / 20) % 20}`, `mod-${Math.floor(i / 400) % 5}`);
    if (i < 2000) mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `file-${i}.ts`), `export const value${i} = ${i};\n// ${'x'.repeat(i % 200)}\n`);
  }
  await run('git', ['init', '--quiet', '--initial-branch=main'], { cwd: dir });
  await run('git', ['add', '-A'], { cwd: dir, maxBuffer: 64 * 1024 * 1024 });
  await run('git', [...identity, 'commit', '--quiet', '-m', 'generated'], { cwd: dir });
}

/**
 * Writes back the previous worktree's dirty pages before the next measurement, so no run
 * pays for the one before it. `sync` is absent on Windows; there it is skipped.
 */
async function flushDisk(): Promise<void> {
  if (process.platform !== 'win32') await run('sync').catch(() => undefined);
}

/**
 * Time to create a task's worktree through the services (from `tasks.create` until
 * `settled`), against plain `git worktree add -b` on the same repository. The two
 * alternate which goes first so warm caches favour neither.
 */
export const worktreeCreate: Scenario = {
  name: 'worktree-create',
  description: `${workspaces} workspaces on a ${fileCount.toLocaleString('en')}-file repository, Braid vs raw git`,
  async run() {
    // BRAID_BENCH_DIR picks the disk to measure on (default: the system temp folder).
    const parent = process.env.BRAID_BENCH_DIR || tmpdir();
    mkdirSync(parent, { recursive: true });
    const base = realpathSync(mkdtempSync(join(parent, 'braid-bench-')));
    const repo = join(base, 'repo');
    const rawRoot = join(base, 'raw-worktrees');
    const services = createServices({ dataDir: join(base, 'data'), emit: () => undefined, env: {} });
    let phase = performance.now();
    const lap = (what: string) => {
      const now = performance.now();
      console.log(`  ${what}: ${((now - phase) / 1000).toFixed(1)} s`);
      phase = now;
    };
    try {
      await generateRepository(repo);
      lap('generated the repository');
      const added = await services.projects.add(repo);
      if (!added.ok) throw new Error(added.error.message);
      const projectId = added.data.id;

      const viaBraid = async (i: number) => {
        const started = performance.now();
        const created = await services.tasks.create({ projectId, title: `Bench task ${i}`, prompt: '', role: 'implement' });
        if (!created.ok) throw new Error(created.error.message);
        const returned = performance.now() - started;
        const task = await created.data.settled;
        if (task.workspace.state !== 'ready') throw new Error(`workspace failed: ${task.workspace.stateReason}`);
        return { total: performance.now() - started, returned };
      };
      const viaGit = async (i: number) => {
        const started = performance.now();
        await run('git', ['worktree', 'add', '--quiet', '-b', `raw/bench-${i}`, join(rawRoot, `raw-${i}`), 'main'], { cwd: repo });
        return performance.now() - started;
      };

      // One of each first, unmeasured: the first checkout pays for cold caches.
      await viaBraid(-1);
      await viaGit(-1);

      const braid: number[] = [];
      const returned: number[] = [];
      const git: number[] = [];
      const measureGit = async (i: number) => {
        await flushDisk();
        git.push(await viaGit(i));
      };
      const measureBraid = async (i: number) => {
        await flushDisk();
        const measured = await viaBraid(i);
        braid.push(measured.total);
        returned.push(measured.returned);
      };
      for (let i = 0; i < workspaces; i++) {
        if (i % 2 === 0) {
          await measureBraid(i);
          await measureGit(i);
        } else {
          await measureGit(i);
          await measureBraid(i);
        }
      }
      lap(`created ${workspaces * 2 + 2} worktrees`);
      const medianMs = median(braid);
      const gitMedianMs = median(git);
      return {
        median_ms: round(medianMs),
        p95_ms: round(percentile(braid, 95)),
        git_median_ms: round(gitMedianMs),
        ratio_vs_git: round(medianMs / gitMedianMs, 3),
        // Each Braid run against the git run next to it: steadier when the disk's speed drifts.
        pair_ratio_median: round(median(braid.map((ms, i) => ms / git[i]!)), 3),
        create_return_median_ms: round(median(returned)),
        host_rss_mb: round(process.memoryUsage().rss / (1024 * 1024), 1),
      };
    } finally {
      await services.close();
      rmSync(base, { recursive: true, force: true });
      lap('cleaned up');
    }
  },
};
