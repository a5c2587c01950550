import type { Db } from './database';

export type ReviewCommentSide = 'old' | 'new';
export type ReviewCommentStatus = 'open' | 'sent' | 'addressed';

export interface ReviewCommentRow {
  id: string;
  taskId: string;
  /** Relative to the worktree root, forward slashes. */
  path: string;
  /** 1-based line on `side`: `new` is the working tree, `old` the merge-base. */
  line: number;
  side: ReviewCommentSide;
  text: string;
  status: ReviewCommentStatus;
  /** The line's content when the comment was made; null when it could not be read. */
  anchorText: string | null;
  createdAt: number;
  sentAt: number | null;
}

interface RawReviewComment {
  id: string;
  task_id: string;
  path: string;
  line: number;
  side: ReviewCommentSide;
  text: string;
  status: ReviewCommentStatus;
  anchor_text: string | null;
  created_at: number;
  sent_at: number | null;
}

const toRow = (raw: RawReviewComment): ReviewCommentRow => ({
  id: raw.id,
  taskId: raw.task_id,
  path: raw.path,
  line: raw.line,
  side: raw.side,
  text: raw.text,
  status: raw.status,
  anchorText: raw.anchor_text,
  createdAt: raw.created_at,
  sentAt: raw.sent_at,
});

export type ReviewCommentRepository = ReturnType<typeof createReviewCommentRepository>;

/** Table `review_comment`: comments on lines of a task's diff (migration 3). */
export function createReviewCommentRepository(db: Db) {
  const byId = db.prepare<[string], RawReviewComment>('SELECT * FROM review_comment WHERE id = ?');
  const byTask = db.prepare<[string], RawReviewComment>(
    'SELECT * FROM review_comment WHERE task_id = ? ORDER BY path, side DESC, line, created_at, id',
  );
  const insert = db.prepare(
    `INSERT INTO review_comment (id, task_id, path, line, side, text, status, anchor_text, created_at, sent_at)
     VALUES (@id, @taskId, @path, @line, @side, @text, @status, @anchorText, @createdAt, @sentAt)`,
  );
  const updateText = db.prepare('UPDATE review_comment SET text = ? WHERE id = ?');
  const updateLine = db.prepare('UPDATE review_comment SET line = ? WHERE id = ?');
  const updateStatus = db.prepare('UPDATE review_comment SET status = ?, sent_at = coalesce(?, sent_at) WHERE id = ?');
  const remove = db.prepare('DELETE FROM review_comment WHERE id = ?');

  return {
    get: (id: string): ReviewCommentRow | undefined => {
      const raw = byId.get(id);
      return raw && toRow(raw);
    },
    /** Ordered by file, then line (new side before old), then age. */
    listByTask: (taskId: string): ReviewCommentRow[] => byTask.all(taskId).map(toRow),
    insert: (row: ReviewCommentRow): void => {
      insert.run(row);
    },
    setText: (id: string, text: string): boolean => updateText.run(text, id).changes > 0,
    setLine: (id: string, line: number): boolean => updateLine.run(line, id).changes > 0,
    /** `sentAt` is recorded when given and kept otherwise. */
    setStatus: (id: string, status: ReviewCommentStatus, sentAt: number | null = null): boolean =>
      updateStatus.run(status, sentAt, id).changes > 0,
    remove: (id: string): boolean => remove.run(id).changes > 0,
  };
}
