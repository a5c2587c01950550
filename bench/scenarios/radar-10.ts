import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import type { Radar } from '../../src-shared/contract';
import { makeTempDir } from '../../src-main/testing/git-fixtures';
import { median, round, type Scenario } from '../harness';
import { buildRadarWorkspaces, expectedConflicts, expectedPairs, repoFiles, workspaceCount, type ExpectedFile, type RadarWorkspaceFixture } from '../support/radar-workspaces';

const rounds = 7;

/** `git merge-tree --write-tree` exits 1 on conflicts: an answer, not a failure. */
function mergeTree(repo: string, branch: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('git', ['merge-tree', '--write-tree', 'main', branch], { cwd: repo, maxBuffer: 16 * 1024 * 1024 }, (error) => {
      if (error && error.code !== 1) reject(error);
      else resolve();
    });
  });
}

/**
 * The conflict radar over 10 workspaces of a 3,000-file repository: cold (new services, so
 * nothing cached) against plain `git merge-tree --write-tree main <branch>` for the same 10
 * branches one after another, interleaved; then warm, after one workspace changed one file.
 * The answer is checked every round, so a wrong radar fails the bench instead of being timed.
 */
export const radar10: Scenario = {
  name: 'radar-10',
  description: `conflict radar over ${workspaceCount} workspaces of a ${repoFiles.toLocaleString('en')}-file repository vs git merge-tree`,
  async run() {
    const base = makeTempDir('braid-bench-radar-');
    try {
      const started = performance.now();
      const fixture = await buildRadarWorkspaces(base);
      console.log(`  built the repository and ${workspaceCount} workspaces: ${((performance.now() - started) / 1000).toFixed(1)} s`);

      const baseline = async () => {
        const begun = performance.now();
        for (const task of fixture.tasks) await mergeTree(fixture.repo, task.workspace.branch);
        return performance.now() - begun;
      };

      const cold: number[] = [];
      const warm: number[] = [];
      const gitTimes: number[] = [];
      const recomputed: number[] = [];
      // Round 0 is the unmeasured warm-up (first reads of the object database and worktrees).
      for (let index = 0; index <= rounds; index++) {
        // Alternate which goes first, so neither always inherits the other's warm caches.
        let gitMs: number;
        let measured: Awaited<ReturnType<typeof measureRadar>>;
        if (index % 2 === 1) {
          gitMs = await baseline();
          measured = await measureRadar(fixture, index);
        } else {
          measured = await measureRadar(fixture, index);
          gitMs = await baseline();
        }
        if (index === 0) continue;
        cold.push(measured.coldMs);
        warm.push(measured.warmMs);
        recomputed.push(measured.recomputed);
        gitTimes.push(gitMs);
      }

      const radarMs = median(cold);
      const gitMs = median(gitTimes);
      return {
        radar_ms: round(radarMs),
        git_merge_tree_ms: round(gitMs),
        ratio_vs_git: round(radarMs / gitMs, 3),
        // Each cold radar against the baseline next to it: steadier when the machine's load drifts.
        pair_ratio_median: round(median(cold.map((ms, i) => ms / gitTimes[i]!)), 3),
        radar_warm_ms: round(median(warm)),
        recomputed_workspaces: Math.max(...recomputed),
      };
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  },
};

/** One cold radar on fresh services, then one warm recompute after a file of workspace 9 changed. */
async function measureRadar(fixture: RadarWorkspaceFixture, roundIndex: number): Promise<{ coldMs: number; warmMs: number; recomputed: number }> {
  const services = fixture.openServices();
  try {
    const coldStarted = performance.now();
    const coldResult = await services.radar.get(fixture.projectId);
    const coldMs = performance.now() - coldStarted;
    if (!coldResult.ok) throw new Error(`radar: ${coldResult.error.message}`);
    assertRadar(fixture, coldResult.data, 'cold');
    if (services.radar.computed !== workspaceCount) throw new Error(`a cold radar computed ${services.radar.computed} workspaces, expected ${workspaceCount}`);

    writeFileSync(fixture.warmFile.path, fixture.warmFile.body(`warm-${roundIndex}`));
    const before = services.radar.computed;
    const warmStarted = performance.now();
    const warmResult = await services.radar.get(fixture.projectId);
    const warmMs = performance.now() - warmStarted;
    const recomputed = services.radar.computed - before;
    if (!warmResult.ok) throw new Error(`radar: ${warmResult.error.message}`);
    assertRadar(fixture, warmResult.data, 'warm');
    if (recomputed !== 1) throw new Error(`one changed workspace made the radar recompute ${recomputed} workspaces`);
    return { coldMs, warmMs, recomputed };
  } finally {
    // Back to the state every round starts from.
    writeFileSync(fixture.warmFile.path, fixture.warmFile.body());
    await services.close();
  }
}

/** The radar must report exactly the overlaps and conflicts the fixture made. */
function assertRadar(fixture: RadarWorkspaceFixture, radar: Radar, label: string): void {
  const workspaceOf = new Map(fixture.tasks.map((task, k) => [task.id, k]));
  const number = (taskId: string) => {
    const k = workspaceOf.get(taskId);
    if (k === undefined) throw new Error(`${label} radar: unknown task ${taskId}`);
    return k;
  };
  const actualPairs: Record<string, ExpectedFile[]> = {};
  for (const pair of radar.pairs) {
    const [a, b] = [number(pair.a), number(pair.b)].sort((x, y) => x - y);
    actualPairs[`${a}-${b}`] = pair.files;
  }
  const actualText = canonicalPairs(actualPairs);
  const wantedText = canonicalPairs(expectedPairs);
  if (actualText !== wantedText) throw new Error(`${label} radar: wrong pairs\n  got:\n${actualText}\n  expected:\n${wantedText}`);

  if (radar.tasks.length !== workspaceCount) throw new Error(`${label} radar: ${radar.tasks.length} tasks, expected ${workspaceCount}`);
  for (const verdict of radar.tasks) {
    const k = number(verdict.taskId);
    const wanted = expectedConflicts[k] ?? [];
    if (verdict.error) throw new Error(`${label} radar: workspace ${k}: ${verdict.error}`);
    if (verdict.clean !== (wanted.length === 0) || JSON.stringify([...verdict.conflicts].sort()) !== JSON.stringify([...wanted].sort())) {
      throw new Error(`${label} radar: workspace ${k} ${verdict.clean ? 'clean' : `conflicts in ${verdict.conflicts.join(', ')}`}, expected ${wanted.length === 0 ? 'clean' : wanted.join(', ')}`);
    }
  }
}

/** One line per pair, pairs and files sorted, so two answers compare as text. */
function canonicalPairs(pairs: Record<string, readonly ExpectedFile[]>): string {
  return Object.keys(pairs)
    .sort()
    .map((key) => {
      const files = [...pairs[key]!].sort((x, y) => x.path.localeCompare(y.path)).map(({ path, ranges, wholeFile }) => ({ path, ranges, wholeFile }));
      return `    ${key}: ${JSON.stringify(files)}`;
    })
    .join('\n');
}
