import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';
import type { CallToolResult, McpServerStatus } from '../hub-types';
import { McpHub, type McpHubOptions } from '../hub';
import type { StdioServerConfig } from '../server-config';

export const fixtureServerPath = fileURLToPath(new URL('../../../testing/mcp-fixture-server.mjs', import.meta.url));

/** The stdio fixture as a user would configure it. */
export function fixtureConfig(name = 'fixture', extraArgs: string[] = []): StdioServerConfig {
  return { name, command: process.execPath, args: [fixtureServerPath, ...extraArgs] };
}

/** Status events as they arrive, with a way to wait for one (no sleeping). */
export class StatusLog {
  readonly events: McpServerStatus[] = [];
  private waiters: { match: (status: McpServerStatus) => boolean; resolve: (status: McpServerStatus) => void }[] = [];

  readonly record = (status: McpServerStatus): void => {
    this.events.push(status);
    for (const waiter of [...this.waiters]) {
      if (waiter.match(status)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(status);
      }
    }
  };

  /** The next event (from now on) that matches. */
  next(match: (status: McpServerStatus) => boolean): Promise<McpServerStatus> {
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }
}

/** A hub with fast restarts and kills, closed when the test ends. */
export function createTestHub(options: McpHubOptions = {}): { hub: McpHub; log: StatusLog } {
  const log = new StatusLog();
  const hub = new McpHub({
    killGraceMs: 1_000,
    restartPolicy: { initialDelayMs: 50, maxDelayMs: 400, maxAttempts: 2, stableAfterMs: 60_000 },
    onStatus: log.record,
    ...options,
  });
  onTestFinished(() => hub.close());
  return { hub, log };
}

export function textOf(result: CallToolResult): string {
  return result.content.map((part) => (part.type === 'text' ? part.text : `[${part.type}]`)).join('');
}

/** Strictly gone: `kill(pid, 0)` reports ESRCH (a zombie would still answer). */
export function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Not running: gone, or a zombie. An orphan whose parent crashed is re-parented to init, and
 * where init never reaps (some containers) the killed orphan stays a zombie forever.
 */
export function isNotRunning(pid: number): boolean {
  if (isGone(pid)) return true;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

/** Polls a condition the test cannot be told about (a line in a child's stderr). */
export async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
