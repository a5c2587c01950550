import { useMemo } from 'react';
import { InlineError } from '../../ui/InlineError';
import { CommentItem } from './CommentItem';
import { groupCommentsByFile } from './comment-groups';
import { useCommentsError, useTaskComments } from './review-store';
import type { ReviewComment } from './review-types';
import { SendCommentsButton } from './SendCommentsButton';

/** The task's comments per file (the focused file first), and "Send to agent". */
export function CommentList({ taskId, focusedPath, onReveal }: { taskId: string; focusedPath: string | null; onReveal(comment: ReviewComment): void }) {
  const comments = useTaskComments(taskId);
  const error = useCommentsError(taskId);
  const groups = useMemo(() => groupCommentsByFile(comments, focusedPath), [comments, focusedPath]);
  return (
    <section className="comment-list" aria-label="Comments">
      <header className="comment-list__header">
        <h3 className="section-title">Comments</h3>
        <SendCommentsButton taskId={taskId} />
      </header>
      <InlineError message={error ? `Could not load comments: ${error}` : null} />
      {groups.length === 0 ? (
        <p className="muted">No comments yet. Click a line number in the diff (or press C on a line) to comment on it; the agent gets them when you send.</p>
      ) : (
        groups.map((group) => (
          <section key={group.path} className="comment-group" aria-label={`Comments on ${group.path}`}>
            <h4 className="comment-group__path mono">
              {group.path} <span className="muted">({group.comments.length})</span>
            </h4>
            {group.comments.map((comment) => (
              <CommentItem key={comment.id} comment={comment} onReveal={onReveal} />
            ))}
          </section>
        ))
      )}
    </section>
  );
}
