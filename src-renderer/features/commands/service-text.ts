import type { BackgroundService, CommandIsolationInfo } from '../../../src-shared/contract';

/** "running", "exited (code 1)", "stopped by a signal". */
export function serviceStateText(service: Pick<BackgroundService, 'state' | 'exitCode'>): string {
  if (service.state === 'running') return 'running';
  return service.exitCode === null ? 'stopped by a signal' : `exited (code ${service.exitCode})`;
}

/** The time of day it started, with the date when it was not today. */
export function startedAtText(startedAt: number, now = Date.now()): string {
  const started = new Date(startedAt);
  const time = started.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return started.toDateString() === new Date(now).toDateString() ? time : `${started.toLocaleDateString()} ${time}`;
}

/** One line for the app footer: how agent commands are isolated here, or why they are not. */
export function isolationText(isolation: CommandIsolationInfo): string {
  if (isolation.pidNamespace) return `Commands: isolated (${isolation.kind === 'bubblewrap' ? 'bubblewrap' : 'unshare'} PID namespace)`;
  return `Commands are not isolated on this machine: ${isolation.limitation ?? 'no isolation is available'}`;
}
