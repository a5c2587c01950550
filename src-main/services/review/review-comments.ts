import { existsSync } from 'node:fs';
import { fail, ok, type Result } from '../../../src-shared/contract';
import { newId } from '../store/ids';
import type { ReviewCommentRow, ReviewCommentSide, ReviewCommentStatus } from '../store/review-comment-repository';
import type { Store } from '../store/store';
import { composeFollowUpText } from './follow-up-message';
import { judgeAnchor, type CurrentFileReader } from './comment-anchor';
import { locateReviewPath, validateReviewPath } from '../paths/review-path';
import { taskNotFound } from '../workspaces/open-task-workspace';

export type ReviewComment = ReviewCommentRow;

export interface NewReviewComment {
  taskId: string;
  path: string;
  line: number;
  side: ReviewCommentSide;
  text: string;
  /** The commented line's content as the user saw it; null when not known. */
  anchorText: string | null;
}

export interface FollowUp {
  /** The message for the task's agent. */
  text: string;
  /** The comments it carries, now `sent`. */
  commentIds: string[];
}

const maxCommentLength = 10_000;

export type ReviewComments = ReturnType<typeof createReviewComments>;

/**
 * Comments on lines of a task's diff: written while reviewing (`open`), delivered to the
 * agent as one follow-up message (`sent`), and marked `addressed` when the agent later
 * changes the commented line (a hint: the user can set any status by hand).
 */
export function createReviewComments(deps: { store: Store; now: () => number }) {
  const { store } = deps;
  const comments = store.reviewComments;
  const missing = () => fail('NOT_FOUND', 'That comment does not exist any more.');

  return {
    add(input: NewReviewComment): Result<ReviewComment> {
      const task = store.tasks.get(input.taskId);
      if (!task) return taskNotFound();
      // Confined in the worktree when it is there (a path through a link out is refused, as for every review read).
      const path = existsSync(task.workspace.path) ? locateReviewPath(task.workspace.path, input.path) : validateReviewPath(input.path);
      if (!path.ok) return path;
      if (!Number.isSafeInteger(input.line) || input.line < 1) return fail('INVALID_INPUT', 'A comment needs a line number of 1 or more.');
      if (input.side !== 'old' && input.side !== 'new') return fail('INVALID_INPUT', 'A comment is on the old or the new side.');
      const text = checkText(input.text);
      if (!text.ok) return text;
      const row: ReviewComment = {
        id: newId(),
        taskId: input.taskId,
        path: input.path,
        line: input.line,
        side: input.side,
        text: text.data,
        status: 'open',
        anchorText: input.anchorText,
        createdAt: deps.now(),
        sentAt: null,
      };
      comments.insert(row);
      return ok(row);
    },

    /** New text, or a status set by hand (e.g. "addressed", or back to "open"). */
    edit(id: string, changes: { text?: string; status?: ReviewCommentStatus }): Result<ReviewComment> {
      if (!comments.get(id)) return missing();
      if (changes.status !== undefined && !['open', 'sent', 'addressed'].includes(changes.status)) {
        return fail('INVALID_INPUT', `"${changes.status}" is not a comment status.`);
      }
      let text: string | undefined;
      if (changes.text !== undefined) {
        const checked = checkText(changes.text);
        if (!checked.ok) return checked;
        text = checked.data;
      }
      store.transaction(() => {
        if (text !== undefined) comments.setText(id, text);
        if (changes.status !== undefined) comments.setStatus(id, changes.status);
      });
      return ok(comments.get(id) as ReviewComment);
    },

    delete(id: string): Result<{ deleted: true }> {
      return comments.remove(id) ? ok({ deleted: true }) : missing();
    },

    /** Ordered by file and line. */
    list(taskId: string): Result<ReviewComment[]> {
      return ok(comments.listByTask(taskId));
    },

    /**
     * One message listing every open comment ("path:line — text" and the line quoted), and
     * those comments marked `sent`. If delivering it fails, `reopen` puts them back.
     */
    composeFollowUp(taskId: string): Result<FollowUp> {
      const open = comments.listByTask(taskId).filter((comment) => comment.status === 'open');
      if (open.length === 0) return fail('NOT_FOUND', 'There are no open comments to send.');
      const sentAt = deps.now();
      store.transaction(() => {
        for (const comment of open) comments.setStatus(comment.id, 'sent', sentAt);
      });
      return ok({ text: composeFollowUpText(open), commentIds: open.map((comment) => comment.id) });
    },

    /** Back to `open`, for comments whose follow-up could not be delivered. */
    reopen(ids: readonly string[]): Result<{ reopened: number }> {
      let reopened = 0;
      store.transaction(() => {
        for (const id of ids) if (comments.get(id)?.status === 'sent' && comments.setStatus(id, 'open')) reopened += 1;
      });
      return ok({ reopened });
    },

    /**
     * Looks at every sent comment on the new side: when its line changed or disappeared, it
     * becomes `addressed`; when the line only moved (lines added or removed above), the
     * comment follows it. Old-side comments (on removed lines) are left to the user.
     * Returns the comments newly marked addressed.
     */
    async detectAddressed(taskId: string, readCurrentFile: CurrentFileReader): Promise<Result<ReviewComment[]>> {
      const sent = comments.listByTask(taskId).filter((comment) => comment.status === 'sent' && comment.side === 'new');
      const files = new Map<string, Promise<string | null | undefined>>();
      const addressed: ReviewComment[] = [];
      for (const comment of sent) {
        if (!files.has(comment.path)) files.set(comment.path, readCurrentFile(comment.path));
        const content = await files.get(comment.path);
        const verdict = judgeAnchor(comment, content);
        if (verdict.kind === 'moved') comments.setLine(comment.id, verdict.line);
        if (verdict.kind === 'changed' && comments.setStatus(comment.id, 'addressed')) addressed.push({ ...comment, status: 'addressed' });
      }
      return ok(addressed);
    },
  };
}

function checkText(text: string): Result<string> {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (trimmed === '') return fail('INVALID_INPUT', 'A comment needs some text.');
  if (trimmed.length > maxCommentLength) return fail('INVALID_INPUT', `A comment is at most ${maxCommentLength} characters.`);
  return ok(trimmed);
}
