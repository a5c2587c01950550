import { useMemo } from 'react';
import type { ReviewFinding } from '../../../src-shared/contract';
import type { FindingMark } from '../review/finding-marks';
import { findingStatusWords } from './review-text';
import { isSendable, useReviewOverview } from './reviews-store';
import './review-role.css';

const none: readonly ReviewFinding[] = [];

/** The findings on one file of the work DiffLens shows (of the task or the task it reviews). */
export function useFileFindings(taskId: string, path: string): readonly ReviewFinding[] {
  const { data } = useReviewOverview(taskId);
  return useMemo(() => data?.findings.filter((finding) => finding.path === path) ?? none, [data, path]);
}

/** Marks for the editor: the findings still to act on, at their lines. */
export function useFindingMarks(findings: readonly ReviewFinding[]): readonly FindingMark[] {
  return useMemo(
    () =>
      findings
        .filter((finding) => isSendable(finding) && finding.lineStart !== null)
        .map((finding) => ({ lineStart: finding.lineStart!, lineEnd: finding.lineEnd ?? finding.lineStart!, label: `${finding.priority}: ${finding.title}`, priority: finding.priority })),
    [findings],
  );
}

/** Under a file's diff in DiffLens: its findings at their lines, each one click from its place in the editor. */
export function FileFindings({ path, findings, onReveal }: { path: string; findings: readonly ReviewFinding[]; onReveal(line: number): void }) {
  if (findings.length === 0) return null;
  return (
    <section className="file-findings" aria-label={`Findings in ${path}`}>
      <ul className="file-findings__list">
        {findings.map((finding) => {
          const where = finding.lineStart === null ? 'whole file' : finding.lineEnd !== null && finding.lineEnd !== finding.lineStart ? `lines ${finding.lineStart}–${finding.lineEnd}` : `line ${finding.lineStart}`;
          return (
            <li key={finding.id} className={`file-finding finding--${finding.status}`} aria-label={`${finding.priority} at ${where}: ${finding.title}`}>
              <span className={`finding-priority finding-priority--${finding.priority.toLowerCase()}`}>{finding.priority}</span>
              {finding.lineStart !== null ? (
                <button type="button" className="link-button" onClick={() => onReveal(finding.lineStart!)}>
                  {`Show ${where}`}
                </button>
              ) : (
                <span className="muted">{where}</span>
              )}
              <span className="selectable">{finding.title}</span>
              <span className={`finding__status finding__status--${finding.status}`}>{findingStatusWords[finding.status]}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
