import type { GateCommandView, GateTrust, MergeQueueView } from '../../../src-shared/contract';

/** One script of the target's config as the trust view lists it. */
export interface TrustedScript {
  label: string;
  lines: string[];
}

/**
 * The target's config that "Trust and resume" would trust, or null when there is nothing to
 * offer: only while Braid paused the queue (a user's pause is the user's), the config readable
 * and not trusted in this content.
 */
export function trustToOffer(queue: MergeQueueView): GateTrust | null {
  const trust = queue.gate.trust;
  if (!queue.paused || queue.pauseReason === null || queue.gate.problem || !trust || trust.trusted) return null;
  return trust;
}

/**
 * The config's scripts split by what the queue runs (the setup, and `test` when it is the gate)
 * and what the same content also holds (trusting it trusts those too, for the workspaces).
 */
export function trustedScripts(gate: Pick<GateCommandView, 'source'>, trust: GateTrust): { runs: TrustedScript[]; also: TrustedScript[] } {
  const testRuns = gate.source === 'workspace.json';
  const scripts: (TrustedScript & { runs: boolean })[] = [
    { label: 'Setup (runs before the gate)', lines: trust.scripts.setup, runs: true },
    { label: testRuns ? 'Gate (test)' : 'Test (not the gate: the queue settings set one)', lines: trust.scripts.test, runs: testRuns },
    { label: 'Run', lines: trust.scripts.run, runs: false },
    { label: 'Archive', lines: trust.scripts.archive, runs: false },
  ].filter((script) => script.lines.length > 0);
  const strip = ({ label, lines }: TrustedScript): TrustedScript => ({ label, lines });
  return { runs: scripts.filter((script) => script.runs).map(strip), also: scripts.filter((script) => !script.runs).map(strip) };
}
