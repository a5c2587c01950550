import { useState } from 'react';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { useReviewStore } from './review-store';
import type { ReviewComment } from './review-types';
import { useReviewAction } from './use-review-action';

const statusText: Record<ReviewComment['status'], string> = { open: 'open', sent: 'sent', addressed: 'addressed' };

/** One comment: where, what, its status, and edit / delete / addressed / reopen. */
export function CommentItem({ comment, onReveal }: { comment: ReviewComment; onReveal(comment: ReviewComment): void }) {
  const api = useBridge();
  const { pending, error, run } = useReviewAction();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(comment.text);
  const where = `${comment.path}:${comment.line}${comment.side === 'old' ? ' (base)' : ''}`;

  const edit = async (change: { text?: string; status?: ReviewComment['status'] }) => {
    const result = await run(() => api.invoke('review.editComment', { commentId: comment.id, ...change }));
    if (!result?.ok) return;
    useReviewStore.getState().putComment(result.data);
    setEditing(false);
  };
  const remove = async () => {
    const result = await run(() => api.invoke('review.deleteComment', { commentId: comment.id }));
    if (result?.ok) useReviewStore.getState().removeComment(comment.taskId, comment.id);
  };

  return (
    <article className={`comment comment--${comment.status}`} aria-label={`Comment on ${where}`}>
      <header className="comment__header">
        <button type="button" className="link-button mono" onClick={() => onReveal(comment)} title="Show this line in the diff">
          {where}
        </button>
        <span className={`badge comment__status comment__status--${comment.status}`}>{statusText[comment.status]}</span>
      </header>
      {comment.anchorText?.trim() && <code className="comment__anchor">{comment.anchorText.trim()}</code>}
      {editing ? (
        <form
          className="comment__edit"
          onSubmit={(event) => {
            event.preventDefault();
            void edit({ text: draft });
          }}
        >
          <textarea className="textarea" aria-label="Edit comment" rows={3} value={draft} onChange={(event) => setDraft(event.target.value)} />
          <div className="comment__actions">
            <button type="submit" className="button button--small button--primary" disabled={pending || draft.trim() === ''}>
              Save
            </button>
            <button
              type="button"
              className="button button--small"
              onClick={() => {
                setEditing(false);
                setDraft(comment.text);
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <p className="comment__text">{comment.text}</p>
      )}
      {!editing && (
        <div className="comment__actions">
          <button type="button" className="button button--small" onClick={() => setEditing(true)} disabled={pending}>
            Edit
          </button>
          {comment.status === 'addressed' ? (
            <button type="button" className="button button--small" onClick={() => void edit({ status: 'open' })} disabled={pending}>
              Reopen
            </button>
          ) : (
            <button type="button" className="button button--small" onClick={() => void edit({ status: 'addressed' })} disabled={pending}>
              Mark addressed
            </button>
          )}
          <button type="button" className="button button--small button--danger-quiet" onClick={() => void remove()} disabled={pending}>
            Delete
          </button>
        </div>
      )}
      <InlineError message={error} />
    </article>
  );
}
