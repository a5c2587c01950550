import { useEffect, useId, useState, type FormEvent } from 'react';
import type { EditorsOverview } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { useHostAction } from '../../ui/use-host-action';

/**
 * Settings → Editor: the editors found on PATH (with how to install the others), which one
 * "Open in editor" uses, and the user's own command (`{path}` for the workspace folder).
 */
export function EditorSettingsPanel() {
  const api = useBridge();
  const [overview, setOverview] = useState<EditorsOverview | null>(null);
  const [draft, setDraft] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const { pending, error, run } = useHostAction();
  const commandId = useId();
  const hintId = useId();

  useEffect(() => {
    let current = true;
    void api.invoke('editors.list', {}).then((result) => {
      if (!current) return;
      if (result.ok) setOverview(result.data);
      else setLoadError(result.error.message);
    });
    return () => {
      current = false;
    };
  }, [api]);

  const configure = async (change: { preferredId?: string | null; customCommand?: string | null }) => {
    const result = await run(() => api.invoke('editors.configure', change));
    if (result?.ok) {
      setOverview(result.data);
      if (change.customCommand !== undefined) setDraft(null);
    }
  };

  const saveCommand = (event: FormEvent) => {
    event.preventDefault();
    void configure({ customCommand: (draft ?? overview?.customCommand ?? '').trim() || null });
  };

  if (loadError) return <InlineError message={loadError} />;
  if (!overview) return <p className="muted">Looking for editors…</p>;
  const firstAvailable = overview.editors.find((e) => e.available && e.kind !== 'file-manager') ?? overview.editors.find((e) => e.available);

  return (
    <section aria-label="Editor" className="settings-section">
      <p className="muted">“Open in editor” opens a task’s worktree here. Found on PATH when Settings opened.</p>
      <label className="field">
        <span>Open with</span>
        <select
          value={overview.preferredId ?? ''}
          onChange={(event) => void configure({ preferredId: event.target.value || null })}
          disabled={pending}
        >
          <option value="">First available{firstAvailable ? ` (${firstAvailable.name})` : ' (none found)'}</option>
          {overview.editors
            .filter((editor) => editor.available)
            .map((editor) => (
              <option key={editor.id} value={editor.id}>
                {editor.name}
              </option>
            ))}
        </select>
      </label>
      <ul className="editor-list" aria-label="Editors">
        {overview.editors.map((editor) => (
          <li key={editor.id}>
            <strong>{editor.name}</strong>{' '}
            {editor.available ? <span className="mono muted">{editor.program}</span> : <span className="muted">not found: {editor.hint}</span>}
          </li>
        ))}
      </ul>
      <form onSubmit={saveCommand} aria-label="Your own editor command">
        <label htmlFor={commandId}>Your own command</label>
        <input
          id={commandId}
          className="input mono"
          value={draft ?? overview.customCommand ?? ''}
          onChange={(event) => setDraft(event.target.value)}
          placeholder="subl -n {path}"
          aria-describedby={hintId}
        />
        <p id={hintId} className="muted">
          One program and its arguments, run without a shell; <code>{'{path}'}</code> stands for the workspace folder (added at the end when absent). Empty removes it.
        </p>
        <button type="submit" className="button button--small" disabled={pending}>
          Save command
        </button>
      </form>
      <InlineError message={error} />
    </section>
  );
}
