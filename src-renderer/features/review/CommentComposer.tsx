import { useState } from 'react';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import type { LinePick } from './MonacoDiff';
import { useReviewStore } from './review-store';
import { useReviewAction } from './use-review-action';

interface CommentComposerProps {
  taskId: string;
  path: string;
  pick: LinePick;
  onDone(): void;
}

/** A new comment on one line of the focused file; the line's text is kept as its anchor. */
export function CommentComposer({ taskId, path, pick, onDone }: CommentComposerProps) {
  const api = useBridge();
  const [text, setText] = useState('');
  const { pending, error, run } = useReviewAction();
  const where = `${path}:${pick.line}${pick.side === 'old' ? ' (base)' : ''}`;

  const submit = async () => {
    const result = await run(() => api.invoke('review.addComment', { taskId, path, line: pick.line, side: pick.side, text, anchorText: pick.text }));
    if (!result?.ok) return;
    useReviewStore.getState().putComment(result.data);
    onDone();
  };

  return (
    <form
      className="comment-composer"
      aria-label={`Comment on ${where}`}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <p className="comment-composer__where">
        <span className="mono">{where}</span>
        {pick.text.trim() && <code className="comment-composer__anchor">{pick.text.trim()}</code>}
      </p>
      <textarea
        className="textarea"
        aria-label="Comment"
        placeholder="What should the agent change here?"
        value={text}
        rows={3}
        // The composer opens on purpose, from a click on a line: typing starts at once.
        autoFocus
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onDone();
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            void submit();
          }
        }}
      />
      <InlineError message={error} />
      <div className="comment-composer__actions">
        <button type="submit" className="button button--primary button--small" disabled={pending || text.trim() === ''} aria-busy={pending}>
          Add comment
        </button>
        <button type="button" className="button button--small" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
