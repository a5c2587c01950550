import type { MergeStrategyName } from '../../../src-shared/contract';
import { seededRandom } from '../../testing/seeded-random';
import { expectFsckClean, makeQueueFixture, worktreePaths } from './merge-queue.fixture';

/**
 * Randomized queues for "speculative lands exactly what serial lands": 3–6 entries editing
 * random lines of three shared files (so some conflict, depending on what landed before them),
 * some adding a token file the gate counts (at most two may be on the target, so whether an
 * entry passes depends on the exact stack it is tested on), some breaking the gate outright,
 * with random strategies and some work left uncommitted.
 */
const gateCommand = 'n=0; for f in tok-*; do [ -e "$f" ] && n=$((n+1)); done; if [ -e BROKEN ]; then echo broken; exit 1; fi; if [ $n -gt 2 ]; then echo "$n tokens"; exit 2; fi; echo ok';
const baseFiles = ['f0.txt', 'f1.txt', 'f2.txt'];
const baseText = (name: string) => Array.from({ length: 6 }, (_, i) => `${name} line ${i + 1}`);
const strategies: MergeStrategyName[] = ['merge', 'squash', 'rebase'];

interface ScenarioEntry {
  title: string;
  files: Record<string, string>;
  strategy: MergeStrategyName;
  commit: boolean;
}

function scenario(seed: number): ScenarioEntry[] {
  const random = seededRandom(seed);
  const pick = (n: number) => Math.floor(random() * n);
  const count = 3 + pick(4);
  return Array.from({ length: count }, (_, k) => {
    const files: Record<string, string> = {};
    const edited = new Map<string, string[]>();
    for (let edit = 0; edit < 1 + pick(2); edit++) {
      const name = baseFiles[pick(baseFiles.length)]!;
      const lines = edited.get(name) ?? baseText(name);
      lines[pick(lines.length)] = `${name} changed by entry ${k}`;
      edited.set(name, lines);
    }
    for (const [name, lines] of edited) files[name] = `${lines.join('\n')}\n`;
    if (random() < 0.4) files[`tok-${k}.txt`] = `token ${k}\n`;
    if (random() < 0.15) files.BROKEN = `entry ${k}\n`;
    if (random() < 0.25) files[`new-${k}.txt`] = `new ${k}\n`;
    return { title: `Entry ${k}`, files, strategy: strategies[pick(strategies.length)]!, commit: random() < 0.8 };
  });
}

export interface QueueRunResult {
  /** Per entry in queue order: its final state, why it was ejected and the conflicted files. */
  outcomes: string[];
  /** The trees of the target's first-parent history, oldest first: exactly what landed. */
  trees: string[];
  /** Attempts seen building or testing on top of the entry ahead (speculative mode). */
  speculativeRuns: number;
}

/** Runs the seed's queue in one mode on a fresh repository; checks fsck and that no scratch worktree is left. */
export async function runRandomQueue(seed: number, speculative: boolean): Promise<QueueRunResult> {
  const entries = scenario(seed);
  const fixture = await makeQueueFixture({
    files: Object.fromEntries(baseFiles.map((name) => [name, `${baseText(name).join('\n')}\n`])),
    settings: { gateCommand, speculative },
    gateConcurrency: 2,
  });
  const start = fixture.repo.head();
  const tasks = [];
  for (const entry of entries) tasks.push(await fixture.task(entry.title, entry.files, { commit: entry.commit }));
  tasks.forEach((task, k) => fixture.add(task, { strategy: entries[k]!.strategy }));
  const settled = await fixture.settle(undefined, 120_000);
  expectFsckClean(fixture.repo);
  const scratchLeft = worktreePaths(fixture.repo).filter((path) => path.includes('merge-queue'));
  if (scratchLeft.length > 0) throw new Error(`scratch worktrees left: ${scratchLeft.join(', ')}`);
  const byTask = new Map(settled.entries.map((entry) => [entry.taskId, entry]));
  return {
    outcomes: tasks.map((task) => {
      const entry = byTask.get(task.id);
      return `${task.title}: ${entry?.state}${entry?.ejection ? ` (${entry.ejection.kind}${entry.ejection.files.length > 0 ? `: ${entry.ejection.files.join(', ')}` : ''})` : ''}`;
    }),
    trees: fixture.repo.git('log', '--first-parent', '--reverse', '--format=%T', `${start}..main`).split('\n').filter(Boolean),
    speculativeRuns: new Set(
      fixture.emitted
        .of('mergeQueue.changed')
        .flatMap((change) => change.queue.entries)
        .filter((entry) => entry.speculative && entry.state !== 'queued')
        .map((entry) => `${entry.id}:${entry.attempts}`),
    ).size,
  };
}

/** Seeds 1–25 or 26–50; `BRAID_SEED=<n>` replays one. */
export function queueSeeds(part: 0 | 1): number[] {
  const replay = process.env.BRAID_SEED;
  if (replay) return part === 0 ? [Number(replay)] : [];
  return Array.from({ length: 25 }, (_, i) => 1 + part * 25 + i);
}
