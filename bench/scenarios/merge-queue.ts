import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createServices } from '../../src-main/services';
import { createRepo, git, makeTempDir, writeFiles } from '../../src-main/testing/git-fixtures';
import type { EventName, EventPayload } from '../../src-shared/contract';
import { median, round, type Scenario } from '../harness';

const entryCount = 10;
const repoFileCount = 1_000;
const gateCommand = 'sleep 1';
const baselineRounds = 5;

const fileName = (i: number) => `src/area-${i % 20}/module-${i}.ts`;
const fileBody = (i: number, tag = 'base') => Array.from({ length: 30 }, (_, line) => `export const v${i}_${line} = '${tag}';\n`).join('');

function gitAsync(cwd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => (error ? reject(new Error(`git ${args[0]}: ${stderr}`)) : resolve()));
  });
}

/**
 * The merge queue landing 10 entries of a 1,000-file repository, each behind a gate that takes
 * 1 s (`sleep 1`), serially: `total_s` from the first add to the tenth landing, and Braid's own
 * cost per entry (`overhead_ms_per_entry`: the total minus the time the gates ran, as the audit
 * records each gate) against raw `git merge --no-ff` making the same 10 merges one after another
 * in a checkout (`ratio_vs_git`). The landed tree is checked against git's before anything is
 * reported.
 */
export const mergeQueue: Scenario = {
  name: 'merge-queue',
  description: `merge queue: ${entryCount} entries with a 1 s gate (${gateCommand}) on a ${repoFileCount.toLocaleString('en')}-file repository vs raw git merges`,
  async run() {
    const base = makeTempDir('braid-bench-queue-');
    const settledEvents: EventPayload<'mergeQueue.settled'>[] = [];
    let onSettled: () => void = () => undefined;
    const services = createServices({
      dataDir: join(base, 'data'),
      env: {},
      agents: { autoStart: false },
      emit: (event: EventName, payload: unknown) => {
        if (event !== 'mergeQueue.settled') return;
        settledEvents.push(payload as EventPayload<'mergeQueue.settled'>);
        onSettled();
      },
    });
    try {
      const files: Record<string, string> = {};
      for (let i = 0; i < repoFileCount; i++) files[fileName(i)] = fileBody(i);
      const repo = createRepo({ path: join(base, 'repo'), files });
      const added = await services.projects.add(repo.path);
      if (!added.ok) throw new Error(added.error.message);
      const projectId = added.data.id;
      const saved = services.mergeQueue.setSettings(projectId, { gateCommand, speculative: false });
      if (!saved.ok) throw new Error(saved.error.message);

      const tasks = [];
      for (let k = 0; k < entryCount; k++) {
        const created = await services.tasks.create({ projectId, title: `Entry ${k}`, prompt: '', role: 'implement' });
        if (!created.ok) throw new Error(created.error.message);
        const task = await created.data.settled;
        // Each entry changes two files nobody else touches: no conflicts, every gate passes.
        writeFiles(task.workspace.path, { [fileName(2 * k)]: fileBody(2 * k, `entry-${k}`), [fileName(2 * k + 1)]: fileBody(2 * k + 1, `entry-${k}`) });
        git(task.workspace.path, 'commit', '--quiet', '-am', `Entry ${k}`);
        tasks.push(task);
      }
      const mainBefore = repo.head();

      const allSettled = new Promise<void>((resolve) => {
        onSettled = () => {
          if (settledEvents.length >= entryCount) resolve();
        };
      });
      const started = performance.now();
      for (const task of tasks) {
        const entry = services.mergeQueue.add({ taskId: task.id, strategy: 'merge', includeUncommitted: true });
        if (!entry.ok) throw new Error(entry.error.message);
      }
      await allSettled;
      const totalMs = performance.now() - started;
      const ejected = settledEvents.filter((event) => event.outcome !== 'landed');
      if (ejected.length > 0) throw new Error(`entries were ejected: ${ejected.map((event) => event.message).join('; ')}`);

      // The gates' own time, as the audit records each landing (written within one flush).
      let gateMs: number[] = [];
      for (let attempt = 0; attempt < 100 && gateMs.length < entryCount; attempt++) {
        const listed = await services.audit.list({ projectId, limit: 200 });
        if (!listed.ok) throw new Error(listed.error.message);
        gateMs = listed.data.entries.filter((entry) => entry.type === 'queue.landed').map((entry) => Number(entry.payload.gateMs));
        if (gateMs.length < entryCount) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      if (gateMs.length !== entryCount) throw new Error(`the audit holds ${gateMs.length} landings, expected ${entryCount}`);
      const gateTotalMs = gateMs.reduce((sum, ms) => sum + ms, 0);

      // Raw git: the same ten merges, one after another, in a checkout of the same base.
      const baseline = join(base, 'baseline');
      git(repo.path, 'worktree', 'add', '--quiet', '-b', 'bench-baseline', baseline, mainBefore);
      const gitTimes: number[] = [];
      for (let round = 0; round <= baselineRounds; round++) {
        git(baseline, 'reset', '--quiet', '--hard', mainBefore);
        const begun = performance.now();
        for (const task of tasks) await gitAsync(baseline, ['merge', '--quiet', '--no-ff', '--no-edit', task.workspace.branch]);
        // Round 0 warms the object database's caches.
        if (round > 0) gitTimes.push(performance.now() - begun);
      }
      const landedTree = repo.git('rev-parse', 'main^{tree}');
      const gitTree = git(baseline, 'rev-parse', 'HEAD^{tree}');
      if (landedTree !== gitTree) throw new Error(`the queue landed tree ${landedTree}, git's merges made ${gitTree}`);
      const landings = repo.git('rev-list', '--first-parent', '--count', `${mainBefore}..main`);
      if (Number(landings) !== entryCount) throw new Error(`main gained ${landings} first-parent commits, expected ${entryCount}`);

      const overheadMs = (totalMs - gateTotalMs) / entryCount;
      const gitMsPerMerge = median(gitTimes) / entryCount;
      return {
        entries: entryCount,
        total_s: round(totalMs / 1000),
        gate_s: round(gateTotalMs / 1000),
        overhead_ms_per_entry: round(overheadMs),
        git_merge_ms_per_entry: round(gitMsPerMerge),
        ratio_vs_git: round(overheadMs / gitMsPerMerge, 2),
      };
    } finally {
      await services.close();
      rmSync(base, { recursive: true, force: true });
    }
  },
};
