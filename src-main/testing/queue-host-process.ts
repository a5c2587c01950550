/**
 * A Braid host in its own process, for the merge queue's crash test: it opens `dataDir` (whose
 * store already holds a project, a task and a queue entry) and, once an entry's gate printed
 * `gate is running`, says `testing <entryId>` on stdout. The test then kills it with SIGKILL, as a crash or a power cut
 * would.
 *
 * Usage: node --import tsx queue-host-process.ts <dataDir>
 */
import { createServices } from '../services';

const [dataDir] = process.argv.slice(2);
if (!dataDir) {
  console.error('usage: queue-host-process.ts <dataDir>');
  process.exit(2);
}

let announced = false;
createServices({
  dataDir,
  env: {},
  emit: (event, payload) => {
    if (announced || event !== 'mergeQueue.gateOutput') return;
    const { entryId, chunk } = payload as { entryId: string; chunk: string };
    if (!chunk.includes('gate is running')) return;
    announced = true;
    process.stdout.write(`testing ${entryId}\n`);
  },
});
// Keep running until killed.
setInterval(() => undefined, 60_000);
