/**
 * A stand-in for the host, run as its own process by pty-host-client.test.ts (`node --import
 * tsx`): starts the pty host with one terminal whose program waits, prints `{ ptyHost, terminal }`
 * pids as JSON once it runs, then waits to be killed.
 *
 * Usage: node --import tsx pty-host-fixture.ts
 */
import { tmpdir } from 'node:os';
import { PtyHost } from '../pty-host-client';

const ptyHost = new PtyHost();
const started = await ptyHost.open(
  'waiting',
  { file: '/bin/sh', args: ['-c', 'sleep 1000; true'], cwd: tmpdir(), env: { PATH: process.env.PATH ?? '/usr/bin:/bin' }, cols: 80, rows: 24, scrollback: 100, stop: { kind: 'process-group' }, sendOutput: false },
  { data: () => undefined, exit: () => undefined },
);
if ('error' in started) throw new Error(started.error);
console.log(JSON.stringify({ ptyHost: ptyHost.pid, terminal: started.pid }));
// Kept alive until killed.
setInterval(() => undefined, 60_000);
