import { useEffect, useId, useState, type FormEvent } from 'react';
import { useBridge } from '../../../bridge/bridge-context';
import { InlineError } from '../../../ui/InlineError';
import { useHostAction } from '../../../ui/use-host-action';
import { AgentDefinitionsSection } from './AgentDefinitionsSection';
import { concurrencyFromInput, maxConcurrency, minConcurrency } from './concurrency-input';

/** Settings → Agents: how many agents run at once, and the subagents (the project's and yours). */
export function AgentsPanel({ projectId }: { projectId?: string }) {
  return (
    <div className="settings-stack">
      <ConcurrencyForm />
      <AgentDefinitionsSection projectId={projectId} />
    </div>
  );
}

/** How many agents run at once; further tasks wait in the queue. */
function ConcurrencyForm() {
  const api = useBridge();
  const inputId = useId();
  const hintId = useId();
  const [saved, setSaved] = useState<number | null>(null);
  const [draft, setDraft] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { pending, error, run, setError } = useHostAction();

  useEffect(() => {
    let current = true;
    void api.invoke('agents.settings', {}).then((result) => {
      if (!current) return;
      if (result.ok) setSaved(result.data.concurrency);
      else setLoadError(result.error.message);
    });
    return () => {
      current = false;
    };
  }, [api]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = concurrencyFromInput(draft ?? String(saved ?? ''));
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    const result = await run(() => {
      setNotice(null);
      return api.invoke('agents.setConcurrency', { concurrency: parsed.concurrency });
    });
    if (!result?.ok) return;
    setSaved(result.data.concurrency);
    setDraft(null);
    setNotice(`Saved: up to ${result.data.concurrency} at once.`);
  };

  if (saved === null) return loadError ? <InlineError message={loadError} /> : <p className="muted">Loading…</p>;
  return (
    <form className="form settings-section" onSubmit={save} noValidate>
      <div className="field settings-agents__field">
        <label htmlFor={inputId} className="field__label">
          Agents running at once
        </label>
        <input
          id={inputId}
          className="input"
          type="number"
          inputMode="numeric"
          min={minConcurrency}
          max={maxConcurrency}
          step={1}
          value={draft ?? String(saved)}
          aria-describedby={hintId}
          onChange={(e) => setDraft(e.target.value)}
        />
        <p id={hintId} className="field__hint">
          Further tasks wait in a queue and start as others finish.
        </p>
      </div>
      <InlineError message={error} />
      <div>
        <button type="submit" className="button button--primary" disabled={pending} aria-busy={pending}>
          Save
        </button>
      </div>
      <p role="status" className="settings-row__status">
        {notice}
      </p>
    </form>
  );
}
