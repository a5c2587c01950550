import { fileURLToPath } from 'node:url';
import { mergeResults, printTable, selectScenarios, type Metrics, type Scenario } from './harness';
import { diffLarge } from './scenarios/diff-large';
import { openHistory } from './scenarios/open-history';
import { parallelStream } from './scenarios/parallel-stream';
import { radar10 } from './scenarios/radar-10';
import { terminalFlood } from './scenarios/terminal-flood';
import { worktreeCreate } from './scenarios/worktree-create';

/** Every scenario, in the order a full run measures them. */
const scenarios: Scenario[] = [worktreeCreate, parallelStream, openHistory, diffLarge, radar10, terminalFlood];

async function main(): Promise<void> {
  const selected = selectScenarios(scenarios, process.argv.slice(2).filter((arg) => !arg.startsWith('-')));
  const results: Record<string, Metrics> = {};
  for (const scenario of selected) {
    console.log(`▶ ${scenario.name}: ${scenario.description}`);
    const started = performance.now();
    results[scenario.name] = await scenario.run();
    console.log(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  printTable(results);
  const file = fileURLToPath(new URL('./results.json', import.meta.url));
  mergeResults(file, results);
  console.log(`\nwrote ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
