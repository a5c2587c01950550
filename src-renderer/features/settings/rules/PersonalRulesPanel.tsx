import { useEffect, useId, useState, type FormEvent } from 'react';
import { useBridge } from '../../../bridge/bridge-context';
import { InlineError } from '../../../ui/InlineError';
import { useHostAction } from '../../../ui/use-host-action';
import '../../rules/rules.css';

/**
 * Settings → Rules: the personal rules every task's agent gets first, before the user's
 * `~/.claude` rules and the project's (AGENTS.md, CLAUDE.md, `.claude/rules`, Cursor rules).
 */
export function PersonalRulesPanel() {
  const api = useBridge();
  const fieldId = useId();
  const hintId = useId();
  const [saved, setSaved] = useState<string | null>(null);
  const [draft, setDraft] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { pending, error, run } = useHostAction();

  useEffect(() => {
    let current = true;
    void api.invoke('rules.personal', {}).then((result) => {
      if (!current) return;
      if (result.ok) setSaved(result.data.text);
      else setLoadError(result.error.message);
    });
    return () => {
      current = false;
    };
  }, [api]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const result = await run(() => {
      setNotice(null);
      return api.invoke('rules.setPersonal', { text: draft ?? saved ?? '' });
    });
    if (!result?.ok) return;
    setSaved(result.data.text);
    setDraft(null);
    setNotice(result.data.text === '' ? 'Saved: no personal rules.' : 'Saved: every task gets them from its next run.');
  };

  if (saved === null) return loadError ? <InlineError message={loadError} /> : <p className="muted">Loading…</p>;
  const text = draft ?? saved;
  return (
    <form className="form settings-section" onSubmit={save}>
      <div className="field">
        <label htmlFor={fieldId} className="field__label">
          Personal rules
        </label>
        <textarea
          id={fieldId}
          className="input textarea personal-rules__text"
          value={text}
          maxLength={100_000}
          onChange={(event) => setDraft(event.target.value)}
          aria-describedby={hintId}
          placeholder="Markdown, e.g. “Answer in English. Prefer small commits.”"
        />
        <p id={hintId} className="muted">
          Given to every task first, then your ~/.claude/CLAUDE.md and ~/.claude/rules, then the project’s AGENTS.md, CLAUDE.md, .claude/rules, Cursor rules and
          CLAUDE.local.md. {text.length.toLocaleString()} characters; a run’s rules are cut at 60,000 characters (20,000 per file), with a warning in the task.
        </p>
      </div>
      <InlineError message={error} />
      <div className="personal-rules__actions">
        <button type="submit" className="button button--primary" disabled={pending || draft === null} aria-busy={pending}>
          Save personal rules
        </button>
        <span role="status" className="muted">
          {notice}
        </span>
      </div>
    </form>
  );
}
