import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';

/**
 * Runs a Braid host in its own process over `dataDir` (`testing/queue-host-process.ts`), waits
 * until it says an entry's gate runs, then kills it with SIGKILL mid-gate. Resolves with the
 * entry's id.
 */
export async function crashQueueHostWhileTesting(dataDir: string): Promise<string> {
  const script = resolve(import.meta.dirname, '../../testing/queue-host-process.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const entryId = await new Promise<string>((resolveId, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /testing (\w+)/.exec(stdout);
      if (match?.[1]) resolveId(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`host exited early (${code}): ${stderr}`)));
  });
  child.kill('SIGKILL');
  await once(child, 'exit');
  return entryId;
}
