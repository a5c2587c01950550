import { useEffect, useState } from 'react';
import type { PullRequestContext, PullRequestView, Task } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { Modal } from '../../ui/Modal';
import { useHostAction } from '../../ui/use-host-action';
import { pullRequestStateText } from './pull-request-text';

/**
 * Dialog `Pull request for <title>`: the pull request already opened (its URL and state,
 * Refresh), or the form to open one: remote, title and body written from the task (editable),
 * draft, committing the uncommitted files first. The host's error (no remote, push refused, gh
 * missing or not logged in) is shown as it says it.
 */
export function PullRequestDialog({ task, onClose }: { task: Task; onClose(): void }) {
  const api = useBridge();
  const { pending, error, run } = useHostAction();
  const [context, setContext] = useState<PullRequestContext | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [current, setCurrent] = useState<(PullRequestView & { alreadyOpen?: boolean }) | null>(null);
  const [remote, setRemote] = useState('');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [draft, setDraft] = useState(false);
  const [includeUncommitted, setIncludeUncommitted] = useState(true);

  useEffect(() => {
    let live = true;
    void api.invoke('pullRequests.context', { taskId: task.id }).then((result) => {
      if (!live) return;
      if (!result.ok) {
        setLoadError(result.error.message);
        return;
      }
      setContext(result.data);
      setCurrent(result.data.current);
      setRemote(result.data.defaultRemote ?? '');
      setTitle(result.data.title);
      setBody(result.data.body);
    });
    return () => {
      live = false;
    };
  }, [api, task.id]);

  const open = async () => {
    const result = await run(() => api.invoke('pullRequests.open', { taskId: task.id, remote, title, body, draft, includeUncommitted }));
    if (result?.ok) setCurrent(result.data);
  };
  const refresh = async () => {
    const result = await run(() => api.invoke('pullRequests.refresh', { taskId: task.id }));
    if (result?.ok) setCurrent(result.data);
  };

  return (
    <Modal title={`Pull request for ${task.title}`} onClose={onClose} className="modal--wide">
      <p className="merge-dialog__route mono">
        {task.workspace.branch} → {task.workspace.baseBranch}
      </p>
      {loadError && <InlineError message={`Could not prepare the pull request: ${loadError}`} />}
      {!context && !loadError && <p className="muted">Reading the remotes and the task…</p>}
      {current && (
        <section className="modal__section pull-request" aria-label="Pull request">
          <p role="status">
            {current.alreadyOpen ? 'A pull request was already open for this branch: ' : ''}
            <a href={current.url} target="_blank" rel="noopener noreferrer">
              #{current.number} {current.title}
            </a>{' '}
            — {pullRequestStateText(current)} (into {current.baseRefName}, pushed to {current.remote})
          </p>
          <button type="button" className="button button--small" onClick={() => void refresh()} disabled={pending}>
            Refresh
          </button>
        </section>
      )}
      {context && (!current || current.state !== 'OPEN') && (
        <form className="modal__body form pull-request__form" aria-label="Open pull request" onSubmit={(event) => (event.preventDefault(), void open())}>
          {context.remotes.length === 0 ? (
            <p className="notice">This repository has no remote to push to. Add one (git remote add origin &lt;url&gt;), then open this dialog again.</p>
          ) : (
            <label className="field">
              <span className="field__label">Remote</span>
              <select className="input" value={remote} onChange={(event) => setRemote(event.target.value)}>
                {context.remotes.map((item) => (
                  <option key={item.name} value={item.name}>
                    {item.name} ({item.url})
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="field">
            <span className="field__label">Title</span>
            <input className="input" value={title} onChange={(event) => setTitle(event.target.value)} data-autofocus />
          </label>
          <label className="field">
            <span className="field__label">Description</span>
            <textarea className="input textarea mono pull-request__body" value={body} onChange={(event) => setBody(event.target.value)} rows={14} />
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={draft} onChange={(event) => setDraft(event.target.checked)} />
            Open as a draft
          </label>
          {context.uncommittedFiles > 0 && (
            <label className="checkbox">
              <input type="checkbox" checked={includeUncommitted} onChange={(event) => setIncludeUncommitted(event.target.checked)} />
              Commit the uncommitted changes ({context.uncommittedFiles} {context.uncommittedFiles === 1 ? 'file' : 'files'}) to {context.branch} first
            </label>
          )}
          <InlineError message={error} />
          <div className="modal__actions">
            <button type="button" className="button" onClick={onClose}>
              Close
            </button>
            <button type="submit" className="button button--primary" disabled={pending || context.remotes.length === 0 || title.trim() === ''} aria-busy={pending}>
              {pending ? 'Pushing and opening…' : 'Push and open pull request'}
            </button>
          </div>
        </form>
      )}
      {(!context || (current && current.state === 'OPEN')) && (
        <div className="modal__actions">
          <InlineError message={context ? error : null} />
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
        </div>
      )}
    </Modal>
  );
}
