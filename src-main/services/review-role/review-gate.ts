import { isGateFinding, type GateFinding, type ReviewFinding, type ReviewGateMode, type ReviewGateState } from '../../../src-shared/contract';

/** How many finding titles a gate message names before "and N more". */
const namedTitles = 3;

/**
 * The review gate (section 4) for one workspace: with the project's mode `off` nothing is
 * said; `warn` and `block` count the P0/P1 findings that are open, sent or likely addressed
 * (dismissed and fixed ones do not count) and say so — `block` refuses the merge unless the user
 * merges anyway with a reason.
 */
export function reviewGateState(mode: ReviewGateMode, findings: readonly ReviewFinding[]): ReviewGateState {
  const counted: GateFinding[] = findings.filter(isGateFinding).map(({ id, title, priority, path, lineStart, lineEnd, status }) => ({ id, title, priority, path, lineStart, lineEnd, status }));
  if (mode === 'off' || counted.length === 0) return { mode, verdict: 'clear', message: null, findings: counted };
  const what = describeOpenFindings(counted);
  return mode === 'block'
    ? { mode, verdict: 'blocked', message: `Blocked by the review gate: ${what}.`, findings: counted }
    : { mode, verdict: 'warn', message: `The review gate warns: ${what}.`, findings: counted };
}

/** "1 open P1 finding (“Null check missing”)", "3 open P0/P1 findings (“A”, “B”, “C”)". */
export function describeOpenFindings(findings: readonly Pick<GateFinding, 'title' | 'priority'>[]): string {
  const priorities = [...new Set(findings.map((finding) => finding.priority))].sort().join('/');
  const titles = findings.slice(0, namedTitles).map((finding) => `“${finding.title}”`);
  if (findings.length > namedTitles) titles.push(`and ${findings.length - namedTitles} more`);
  return `${findings.length} open ${priorities} finding${findings.length === 1 ? '' : 's'} (${titles.join(', ')})`;
}
