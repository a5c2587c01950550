import { useId, useState, type FormEvent } from 'react';
import type { MethodInput, ProviderStatusView } from '../../../../src-shared/contract';
import { useBridge } from '../../../bridge/bridge-context';
import { InlineError } from '../../../ui/InlineError';
import { useHostAction } from '../../../ui/use-host-action';
import { baseURLProblem } from './endpoint-draft';
import { putProvider } from './models-store';
import { baseURLSourceText, hasDefaultBaseURL } from './provider-summary';

/** The URL requests go to: for compatible servers, proxies, or a provider's own override. */
export function ProviderBaseURLForm({ provider }: { provider: ProviderStatusView }) {
  const api = useBridge();
  const inputId = useId();
  const hintId = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const { pending, error, run, setError } = useHostAction();
  const value = draft ?? provider.baseURL;
  const canReset = provider.baseURLSource === 'settings' && hasDefaultBaseURL(provider);

  const send = async (baseURL: string | null) => {
    const input: MethodInput<'models.saveProvider'> = { id: provider.id, baseURL };
    const result = await run(() => api.invoke('models.saveProvider', input));
    if (!result?.ok) return;
    setDraft(null);
    putProvider(api, result.data);
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    const typed = value.trim();
    if (typed === '') {
      if (hasDefaultBaseURL(provider)) void send(null);
      else setError('This endpoint needs its base URL, e.g. http://127.0.0.1:8000/v1.');
      return;
    }
    const problem = baseURLProblem(typed);
    if (problem) {
      setError(problem);
      return;
    }
    if (typed === provider.baseURL) {
      setDraft(null);
      return;
    }
    void send(typed);
  };

  return (
    <form className="settings-row" onSubmit={save}>
      <label htmlFor={inputId} className="settings-row__label">
        Base URL
      </label>
      <input
        id={inputId}
        className="input mono settings-row__input"
        value={value}
        spellCheck={false}
        autoComplete="off"
        aria-describedby={hintId}
        onChange={(e) => setDraft(e.target.value)}
      />
      <button type="submit" className="button button--small" disabled={pending} aria-busy={pending}>
        Save base URL
      </button>
      {canReset && (
        <button type="button" className="button button--small" onClick={() => void send(null)} disabled={pending}>
          Use default URL
        </button>
      )}
      <p id={hintId} className="settings-row__status">
        {baseURLSourceText(provider.baseURLSource)}
      </p>
      <InlineError message={error} />
    </form>
  );
}
