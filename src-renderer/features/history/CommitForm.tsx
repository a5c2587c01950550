import { useId, useState, type FormEvent } from 'react';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { useHostAction } from '../../ui/use-host-action';
import { committedText } from './history-text';

/**
 * Commits everything in the workspace. An empty message lets the host suggest one from the
 * changed files; "nothing to commit" is an answer, not an error, and is shown as such.
 */
export function CommitForm({ taskId, onCommitted }: { taskId: string; onCommitted(): void }) {
  const api = useBridge();
  const { pending, error, run } = useHostAction();
  const [message, setMessage] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const messageId = useId();

  const commit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await run(
      () => {
        setStatus(null);
        return api.invoke('history.commit', { taskId, ...(message.trim() ? { message } : {}) });
      },
      { explain: (failure) => (failure.code === 'NOTHING_TO_COMMIT' ? null : failure.message) },
    );
    if (!result) return;
    if (result.ok) {
      setStatus(committedText(result.data));
      setMessage('');
      onCommitted();
    } else if (result.error.code === 'NOTHING_TO_COMMIT') {
      setStatus(result.error.message);
    }
  };

  return (
    <form className="history-commit" onSubmit={commit}>
      <label htmlFor={messageId} className="field__label">
        Commit message
      </label>
      <textarea
        id={messageId}
        className="input textarea history-commit__message"
        rows={2}
        placeholder="Leave empty for a suggested message"
        value={message}
        onChange={(event) => setMessage(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void commit(event);
        }}
      />
      <div className="history-commit__actions">
        <button type="submit" className="button button--small" disabled={pending} aria-busy={pending}>
          Commit
        </button>
        <p role="status" className="history-commit__status muted">
          {status}
        </p>
      </div>
      <InlineError message={error} />
    </form>
  );
}
