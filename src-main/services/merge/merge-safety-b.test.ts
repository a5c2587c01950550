import { describe, expect, it } from 'vitest';
import { runMergeScenario, scenarioSeeds } from './merge-safety.fixture';

// Seeds 101–200 (1–100 run in merge-safety-a).
describe('randomized merge safety (part 2 of 2)', () => {
  it('never loses a user edit, moves refs only for landed merges, keeps fsck clean', { timeout: 300_000 }, async () => {
    const totals = { merged: 0, refused: 0, conflicts: 0 };
    for (const seed of scenarioSeeds(1)) {
      try {
        const stats = await runMergeScenario(seed);
        for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += stats[key];
      } catch (error) {
        throw new Error(`merge-safety scenario failed with seed ${seed} (replay: BRAID_SEED=${seed} npx vitest run src-main/services/merge/merge-safety-a — seeds above 100 replay there too)\n${String(error)}`, { cause: error });
      }
    }
    // Both paths must really be exercised, or the test proves nothing.
    if (!process.env.BRAID_SEED) expect(totals.merged).toBeGreaterThan(20);
    console.log(`merge-safety part 2: ${JSON.stringify(totals)}`);
  });
});
