import { useId, useState } from 'react';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { openCommentCount } from './comment-groups';
import { useTaskComments } from './review-store';
import { useReviewAction } from './use-review-action';

const deliveryText = {
  started: 'the agent started working on them',
  queued: 'queued for the agent’s next step',
  delivered: 'delivered to the agent',
} as const;

/** Sends every open comment of the task to its agent as one follow-up message. */
export function SendCommentsButton({ taskId }: { taskId: string }) {
  const api = useBridge();
  const comments = useTaskComments(taskId);
  const open = openCommentCount(comments);
  const { pending, error, run } = useReviewAction();
  const [sent, setSent] = useState<string | null>(null);
  const countId = useId();

  const send = async () => {
    const result = await run(() => api.invoke('review.sendComments', { taskId }));
    if (!result?.ok) return;
    const { sent: count, delivery } = result.data;
    setSent(`Sent ${count} comment${count === 1 ? '' : 's'}: ${deliveryText[delivery]}.`);
  };

  return (
    <div className="send-comments">
      <button
        type="button"
        className="button button--primary button--small"
        onClick={() => void send()}
        disabled={pending || open === 0}
        aria-busy={pending}
        aria-describedby={countId}
        title={open === 0 ? 'Add a comment on a line first' : 'Send the open comments to the agent as one message'}
      >
        Send to agent
      </button>
      <span id={countId} className="muted">
        {open === 0 ? 'no open comments' : `${open} open comment${open === 1 ? '' : 's'}`}
      </span>
      {sent && (
        <span role="status" className="send-comments__sent">
          {sent}
        </span>
      )}
      <InlineError message={error} />
    </div>
  );
}
