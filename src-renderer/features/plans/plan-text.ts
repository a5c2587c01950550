import type { PlanVersion, PlanVersionStatus } from '../../../src-shared/contract';

/** A version's status as words (never colour alone). */
export const planStatusLabels: Record<PlanVersionStatus, string> = {
  proposed: 'awaiting approval',
  approved: 'approved',
  changes_requested: 'changes requested',
  rejected: 'rejected',
  superseded: 'superseded',
};

export const authorLabel = (author: PlanVersion['author']): string => (author === 'agent' ? 'by the agent' : 'by you');

/** The one version a decision can apply to: the latest, while it waits. */
export function decidableVersion(versions: readonly PlanVersion[]): PlanVersion | null {
  const latest = versions.at(-1);
  return latest?.status === 'proposed' ? latest : null;
}

/** Why a version is not the one to decide on, or null when it is. */
export function notDecidableReason(version: PlanVersion, versions: readonly PlanVersion[]): string | null {
  const latest = versions.at(-1);
  if (!latest) return null;
  if (version.status === 'proposed' && version.version === latest.version) return null;
  if (version.status === 'superseded') return `Superseded by v${version.version + 1}.`;
  if (version.status === 'approved') return version.version === latest.version ? 'Approved.' : `Approved, but v${latest.version} was submitted after it.`;
  if (version.status === 'changes_requested') return version.version < latest.version ? `Changes requested; revised as v${latest.version}.` : 'Changes requested; the agent is revising it.';
  if (version.status === 'rejected') return 'Rejected.';
  return `v${latest.version} is the latest version.`;
}

/** The line shown for a decision in the conversation. */
export function decisionLine(version: number, decision: 'approved' | 'changes_requested' | 'rejected', message: string | null): string {
  if (decision === 'approved') return `You approved plan v${version}.`;
  if (decision === 'rejected') return `You rejected plan v${version}${message ? `: ${message}` : '.'}`;
  return `You requested changes to plan v${version}.`;
}
