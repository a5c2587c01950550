import { expect, onTestFinished, vi } from 'vitest';
import { uniqueSleepCommand } from '../../testing/host-processes';

/**
 * `uniqueSleepCommand` for Vitest: waits on the host's process table, and kills copies still
 * running when the test ends, so a failing test leaves nothing behind either.
 */
export function uniqueSleep(): { command: string; running(): number[]; expectAllGone(): Promise<void>; waitUntilRunning(count: number): Promise<void> } {
  const sleep = uniqueSleepCommand();
  onTestFinished(() => sleep.kill());
  return {
    command: sleep.command,
    running: sleep.running,
    async expectAllGone() {
      await vi.waitFor(() => expect(sleep.running()).toEqual([]), { timeout: 10_000, interval: 25 });
    },
    async waitUntilRunning(count: number) {
      await vi.waitFor(() => expect(sleep.running()).toHaveLength(count), { timeout: 10_000, interval: 25 });
    },
  };
}
