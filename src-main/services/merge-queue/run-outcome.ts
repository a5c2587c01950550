import type { QueueEjection } from '../../../src-shared/contract';

/**
 * The result of a finished run, applied only once its entry heads the queue: land it, eject
 * it, or hold the queue (paused with the reason; the entry keeps its place) for a cause that is
 * the target's, not the entry's. `targetCommit` is what the run was judged on: a verdict on an
 * older tip is not applied, the entry is judged again.
 */
export type RunOutcome = { kind: 'passed'; gateMs: number } | { kind: 'eject'; ejection: QueueEjection } | { kind: 'hold'; reason: string; targetCommit: string };

export function ejection(kind: QueueEjection['kind'], message: string, targetCommit: string | null): QueueEjection {
  return { kind, message, files: [], exitCode: null, command: null, targetCommit };
}
