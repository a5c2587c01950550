import { watch } from 'node:fs';
import { dirname } from 'node:path';
import { onTestFinished } from 'vitest';
import { fixtureRequests } from '../../testing/acp-fixture';

/**
 * Resolves once the fixture ACP agent has logged a request for `method` in its `requestLog`
 * (it logs a request as it begins to handle it, before it answers, hangs or waits): woken by
 * the log changing, so it waits as long as the agent takes to get there, never against a clock.
 */
export function untilFixtureAsked(requestLog: string, method: string): Promise<void> {
  return new Promise((resolve) => {
    const watcher = watch(dirname(requestLog));
    onTestFinished(() => watcher.close());
    const check = () => {
      let asked = false;
      try {
        asked = fixtureRequests(requestLog).some((request) => request.method === method);
      } catch {
        // A line still being written: its end changes the log again.
      }
      if (!asked) return;
      watcher.close();
      resolve();
    };
    watcher.on('change', check);
    check();
  });
}
