import { spawn, type ChildProcess } from 'node:child_process';
import { onTestFinished, vi } from 'vitest';

/**
 * Runs `script` (`node --import tsx`) as a stand-in for the host, in a process of its own that a
 * test can kill as a crash would, and waits for the first line it prints that is JSON (the pids
 * of what it started). The process is killed when the test ends, should it still run.
 */
export async function startStandInHost<T>(script: string, args: string[] = []): Promise<{ host: ChildProcess; printed: T }> {
  const host = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  onTestFinished(() => {
    if (host.exitCode === null && host.signalCode === null) host.kill('SIGKILL');
  });
  let output = '';
  host.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const printed = await vi.waitFor(
    () => {
      const line = output.split('\n').find((text) => text.startsWith('{'));
      if (!line) throw new Error(`the stand-in host (${script}) has printed nothing yet`);
      return JSON.parse(line) as T;
    },
    { timeout: 20_000, interval: 50 },
  );
  return { host, printed };
}
