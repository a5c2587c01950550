import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Project, Task } from '../../src-shared/contract';
import { median, percentile, round, type Scenario } from '../harness';
import { startHostProcess } from '../support/host-process';
import { connectWire } from '../../src-main/testing/wire-client';

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
 * Time to create a task's worktree through the host (from `tasks.create` until the task's
 * workspace is reported `ready`), against plain `git worktree add -b` on the same repository.
 * The two alternate which goes first so warm caches favour neither. The host is the built web
 * host in its own process (bench/support/host-process.ts), so its memory is its own.
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
    let phase = performance.now();
    const lap = (what: string) => {
      const now = performance.now();
      console.log(`  ${what}: ${((now - phase) / 1000).toFixed(1)} s`);
      phase = now;
    };
    let host: Awaited<ReturnType<typeof startHostProcess>> | undefined;
    let wire: Awaited<ReturnType<typeof connectWire>> | undefined;
    let sampler: NodeJS.Timeout | undefined;
    try {
      await generateRepository(repo);
      lap('generated the repository');
      host = await startHostProcess({ dataDir: join(base, 'data'), env: {} });
      const hostProcess = host;
      let peakRss = hostProcess.rssBytes();
      sampler = setInterval(() => (peakRss = Math.max(peakRss, hostProcess.rssBytes())), 250);
      wire = await connectWire(host.url);
      const client = wire;
      const project = await client.invoke<Project>('projects.add', { path: repo });
      // A workspace settles when the host reports it ready (or failed).
      const settledWaiters = new Map<string, (task: Task) => void>();
      const settledEarly = new Map<string, Task>();
      client.subscribe((event, payload) => {
        if (event !== 'tasks.changed') return;
        const { task } = payload as { task: Task };
        if (task.workspace.state === 'creating') return;
        const waiter = settledWaiters.get(task.id);
        if (waiter) waiter(task);
        else settledEarly.set(task.id, task);
      });
      const settledTask = (taskId: string) =>
        settledEarly.get(taskId) ?? new Promise<Task>((resolveTask) => settledWaiters.set(taskId, resolveTask));

      const viaBraid = async (i: number) => {
        const started = performance.now();
        const created = await client.invoke<Task>('tasks.create', { projectId: project.id, title: `Bench task ${i}`, prompt: '', role: 'implement' });
        const returned = performance.now() - started;
        const task = created.workspace.state === 'creating' ? await settledTask(created.id) : created;
        settledWaiters.delete(created.id);
        settledEarly.delete(created.id);
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
        host_rss_mb: round(Math.max(peakRss, hostProcess.rssBytes()) / (1024 * 1024), 1),
      };
    } finally {
      clearInterval(sampler);
      await wire?.close();
      await host?.close();
      rmSync(base, { recursive: true, force: true });
      lap('cleaned up');
    }
  },
};
