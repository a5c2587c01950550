import { z } from 'zod';
import type { FindingPriority, FindingStatus, ReviewFinding, ReviewReport } from '../../../src-shared/contract';
import type { Db } from './database';

interface RawReport {
  task_id: string;
  version: number;
  reviewed_task_id: string;
  head_commit: string | null;
  verdict: 'correct' | 'incorrect';
  explanation: string;
  confidence: number;
  resolved: string;
  created_at: number;
}

const resolvedSchema = z.array(z.object({ findingId: z.string(), fixed: z.boolean(), note: z.string().nullable() }));

const toReport = (raw: RawReport): ReviewReport => ({
  taskId: raw.task_id,
  version: raw.version,
  reviewedTaskId: raw.reviewed_task_id,
  headCommit: raw.head_commit,
  verdict: raw.verdict,
  explanation: raw.explanation,
  confidence: raw.confidence,
  resolved: resolvedSchema.parse(JSON.parse(raw.resolved)),
  createdAt: raw.created_at,
});

interface RawFinding {
  id: string;
  review_task_id: string;
  version: number;
  reviewed_task_id: string;
  title: string;
  priority: FindingPriority;
  confidence: number;
  path: string;
  line_start: number | null;
  line_end: number | null;
  body: string;
  criterion: string | null;
  suggested_fix: string | null;
  anchor_text: string | null;
  status: FindingStatus;
  status_reason: string | null;
  created_at: number;
  updated_at: number;
}

/** A finding as stored: the contract's shape plus the lines it was anchored to. */
export type StoredFinding = ReviewFinding & { anchorText: string | null };

const toFinding = (raw: RawFinding): StoredFinding => ({
  id: raw.id,
  reviewTaskId: raw.review_task_id,
  version: raw.version,
  reviewedTaskId: raw.reviewed_task_id,
  title: raw.title,
  priority: raw.priority,
  confidence: raw.confidence,
  path: raw.path,
  lineStart: raw.line_start,
  lineEnd: raw.line_end,
  body: raw.body,
  criterion: raw.criterion,
  suggestedFix: raw.suggested_fix,
  anchorText: raw.anchor_text,
  status: raw.status,
  statusReason: raw.status_reason,
  createdAt: raw.created_at,
  updatedAt: raw.updated_at,
});

export type ReviewReportRepository = ReturnType<typeof createReviewReportRepository>;

/** Tables `review_report` and `review_finding` (migration 5): review artifacts and their findings. */
export function createReviewReportRepository(db: Db) {
  const nextVersion = db.prepare<[string], { next: number }>('SELECT coalesce(max(version), 0) + 1 AS next FROM review_report WHERE task_id = ?');
  const insertReport = db.prepare(
    `INSERT INTO review_report (task_id, version, reviewed_task_id, head_commit, verdict, explanation, confidence, resolved, created_at)
     VALUES (@taskId, @version, @reviewedTaskId, @headCommit, @verdict, @explanation, @confidence, @resolved, @createdAt)`,
  );
  const insertFinding = db.prepare(
    `INSERT INTO review_finding (id, review_task_id, version, reviewed_task_id, title, priority, confidence, path, line_start, line_end,
       body, criterion, suggested_fix, anchor_text, status, status_reason, created_at, updated_at)
     VALUES (@id, @reviewTaskId, @version, @reviewedTaskId, @title, @priority, @confidence, @path, @lineStart, @lineEnd,
       @body, @criterion, @suggestedFix, @anchorText, @status, @statusReason, @createdAt, @updatedAt)`,
  );
  const reportsOf = db.prepare<[string], RawReport>('SELECT * FROM review_report WHERE task_id = ? ORDER BY version');
  const reportsFor = db.prepare<[string], RawReport>('SELECT * FROM review_report WHERE reviewed_task_id = ? ORDER BY created_at, version');
  const findingById = db.prepare<[string], RawFinding>('SELECT * FROM review_finding WHERE id = ?');
  const findingsFor = db.prepare<[string], RawFinding>(
    "SELECT * FROM review_finding WHERE reviewed_task_id = ? ORDER BY priority, created_at, path, coalesce(line_start, 0)",
  );
  const findingsOfReview = db.prepare<[string], RawFinding>('SELECT * FROM review_finding WHERE review_task_id = ? ORDER BY version, priority, path, coalesce(line_start, 0)');
  const setFindingStatus = db.prepare('UPDATE review_finding SET status = @status, status_reason = @reason, updated_at = @at WHERE id = @id');
  const setFindingLines = db.prepare('UPDATE review_finding SET line_start = @lineStart, line_end = @lineEnd, updated_at = @at WHERE id = @id');

  return {
    /** Stores the next report of a review task with its findings, in one transaction; returns its version. */
    addReport: (report: Omit<ReviewReport, 'version'>, findings: Omit<StoredFinding, 'version'>[]): number =>
      db.transaction(() => {
        const version = nextVersion.get(report.taskId)!.next;
        insertReport.run({ ...report, version, resolved: JSON.stringify(report.resolved) });
        for (const finding of findings) insertFinding.run({ ...finding, version });
        return version;
      })(),
    reportsOf: (reviewTaskId: string): ReviewReport[] => reportsOf.all(reviewTaskId).map(toReport),
    reportsFor: (reviewedTaskId: string): ReviewReport[] => reportsFor.all(reviewedTaskId).map(toReport),
    finding: (id: string): StoredFinding | undefined => {
      const raw = findingById.get(id);
      return raw && toFinding(raw);
    },
    /** Every finding on a task's work, most urgent first. */
    findingsFor: (reviewedTaskId: string): StoredFinding[] => findingsFor.all(reviewedTaskId).map(toFinding),
    findingsOfReview: (reviewTaskId: string): StoredFinding[] => findingsOfReview.all(reviewTaskId).map(toFinding),
    setFindingStatus: (id: string, status: FindingStatus, reason: string | null, at: number): boolean =>
      setFindingStatus.run({ id, status, reason, at }).changes > 0,
    /** The finding's lines moved with the code (lines added or removed above them). */
    setFindingLines: (id: string, lineStart: number, lineEnd: number, at: number): boolean => setFindingLines.run({ id, lineStart, lineEnd, at }).changes > 0,
  };
}
