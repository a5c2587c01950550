import type { FindingPriority, FindingStatus, ReviewFinding, ReviewGateMode, ReviewGateState, ReviewReport } from '../../../src-shared/contract';

/** A finding's status as the lists say it. */
export const findingStatusWords: Record<FindingStatus, string> = {
  open: 'open',
  sent: 'sent to the implementer',
  addressed: 'likely addressed',
  dismissed: 'dismissed',
  fixed: 'fixed',
};

export const priorityWords: Record<FindingPriority, string> = {
  P0: 'P0 — drop everything',
  P1: 'P1 — urgent',
  P2: 'P2 — normal',
  P3: 'P3 — nice to have',
};

/** "src/a.ts:12", "src/a.ts:12–14", "src/a.ts (whole file)". */
export function findingPlace(finding: Pick<ReviewFinding, 'path' | 'lineStart' | 'lineEnd'>): string {
  if (finding.lineStart === null) return `${finding.path} (whole file)`;
  return finding.lineEnd === null || finding.lineEnd === finding.lineStart ? `${finding.path}:${finding.lineStart}` : `${finding.path}:${finding.lineStart}–${finding.lineEnd}`;
}

/** "1 P1, 2 P2" or "no findings". */
export function countByPriority(findings: readonly Pick<ReviewFinding, 'priority'>[]): string {
  const counts = (['P0', 'P1', 'P2', 'P3'] as const)
    .map((priority) => [priority, findings.filter((finding) => finding.priority === priority).length] as const)
    .filter(([, count]) => count > 0)
    .map(([priority, count]) => `${count} ${priority}`);
  return counts.length > 0 ? counts.join(', ') : 'no findings';
}

/** "Review v2: correct (confidence 0.95)". */
export function reportHeading(report: Pick<ReviewReport, 'version' | 'verdict' | 'confidence'>): string {
  return `Review v${report.version}: ${report.verdict} (confidence ${report.confidence.toFixed(2).replace(/0$/, '')})`;
}

export const gateModeWords: Record<ReviewGateMode, string> = {
  off: 'Off: merges ignore review findings',
  warn: 'Warn: the merge dialog names open P0/P1 findings',
  block: 'Block: no merge while a P0/P1 finding is open, unless you merge anyway with a reason',
};

/** What the review gate says now, for the reviews panel. */
export function gateLine(gate: ReviewGateState): string {
  if (gate.mode === 'off') return 'Review gate: off.';
  return gate.message ?? `Review gate (${gate.mode}): clear — no open P0/P1 findings.`;
}
