import type { StoredFinding } from '../store/review-report-repository';

/** Lines of a finding's code quoted in the message; the rest the implementer reads in the file. */
const quotedLines = 12;

/** "src/a.ts:12", "src/a.ts:12–14", "src/a.ts (the whole file)". */
export function findingPlace(finding: Pick<StoredFinding, 'path' | 'lineStart' | 'lineEnd'>): string {
  if (finding.lineStart === null) return `${finding.path} (the whole file)`;
  return finding.lineEnd === null || finding.lineEnd === finding.lineStart ? `${finding.path}:${finding.lineStart}` : `${finding.path}:${finding.lineStart}–${finding.lineEnd}`;
}

/**
 * The one follow-up the implementer gets for the findings the user chose: each with its
 * priority, place, the code there as it read when found, what is wrong, the acceptance
 * criterion and the reviewer's suggested fix, most urgent first.
 */
export function findingsFollowUp(findings: readonly StoredFinding[]): string {
  const heading =
    findings.length === 1
      ? 'A review of your work found a problem. Please fix it:'
      : `A review of your work found ${findings.length} problems. Please fix each one:`;
  const items = [...findings]
    .sort((a, b) => a.priority.localeCompare(b.priority))
    .map((finding, index) => {
      const lines = [`${index + 1}. [${finding.priority}] ${finding.title} — ${findingPlace(finding)}`];
      if (finding.anchorText !== null) {
        const code = finding.anchorText.split('\n');
        const shown = code.slice(0, quotedLines).map((line) => `   > ${line}`);
        if (code.length > quotedLines) shown.push(`   > … (${code.length - quotedLines} more lines)`);
        lines.push(...shown);
      }
      lines.push(...finding.body.split('\n').map((line) => `   ${line}`));
      if (finding.criterion) lines.push(`   Acceptance criterion: ${finding.criterion}`);
      if (finding.suggestedFix) lines.push(`   Suggested fix: ${finding.suggestedFix.split('\n').join('\n   ')}`);
      return lines.join('\n');
    });
  return `${heading}\n\n${items.join('\n\n')}`;
}
