import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { processesWithEnvironment } from './process-environment';

function sleeper(env: Record<string, string>): number {
  const child = spawn('sleep', ['1000'], { env: { ...process.env, ...env }, stdio: 'ignore' });
  onTestFinished(() => void child.kill('SIGKILL'));
  return child.pid!;
}

describe.runIf(process.platform === 'linux')('finding processes by an environment entry', () => {
  it('finds the processes holding exactly that entry, not a longer value or another name', async () => {
    const value = randomUUID();
    const holder = sleeper({ BRAID_COMMAND_ID: value });
    sleeper({ BRAID_COMMAND_ID: `${value}-other` });
    sleeper({ OTHER_BRAID_COMMAND_ID: value });
    // Until the children have exec'd, their environment is still ours.
    await vi.waitFor(async () => {
      const found = await processesWithEnvironment('BRAID_COMMAND_ID', value);
      expect(found).toEqual([{ pid: holder, startTime: expect.stringMatching(/^\d+$/) }]);
    });
  });
});
