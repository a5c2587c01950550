import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PtyHost } from './pty-host-client';

let ptyHost: PtyHost | undefined;
afterEach(async () => {
  await ptyHost?.close();
  ptyHost = undefined;
});

function residentMegabytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : 0;
}

/** Blocks this process's event loop, as a host busy with something else would be. */
function busyFor(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    // nothing: the point is not to return to the event loop
  }
}

/** 1 GB of 100-character lines: far more than the test lets it print. */
const endlessFlood = `awk 'BEGIN { s = sprintf("%91s", ""); gsub(/ /, "x", s); for (i = 0; i < 10000000; i++) printf "%08d %s\\n", i, s }'`;

describe.runIf(process.platform === 'linux')('the pty host and a host that does not read', () => {
  it('holds an unwatched flood back in the pty host (paused) instead of queueing it for the host', { timeout: 60_000 }, async () => {
    ptyHost = new PtyHost();
    let received = 0;
    const started = await ptyHost.open(
      'flood',
      { file: '/bin/sh', args: ['-c', endlessFlood], cwd: tmpdir(), env: { PATH: process.env.PATH ?? '/usr/bin:/bin' }, cols: 120, rows: 30, scrollback: 1_000, stop: { kind: 'process-group' }, sendOutput: true },
      { data: (_from, data) => (received += data.length), exit: () => undefined },
    );
    if ('error' in started) throw new Error(started.error);
    const pid = ptyHost.pid!;
    // Flowing at the mirror's pace (no view watches it), well past start-up.
    await vi.waitFor(() => expect(received).toBeGreaterThan(5_000_000), { timeout: 30_000, interval: 20 });
    const before = residentMegabytes(pid);

    busyFor(4_000);
    const grown = residentMegabytes(pid) - before;

    // At the mirror's pace (tens of MB a second) four seconds of output would all be waiting
    // in the channel's queue; held back, it is at most the cap in flight plus one batch.
    expect(grown).toBeLessThan(40);
    await ptyHost.dispose('flood', 500);
  });
});
