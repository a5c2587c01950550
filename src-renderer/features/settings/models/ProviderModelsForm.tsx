import { useId, useState, type FormEvent } from 'react';
import type { ProviderStatusView } from '../../../../src-shared/contract';
import { useBridge } from '../../../bridge/bridge-context';
import { InlineError } from '../../../ui/InlineError';
import { useHostAction } from '../../../ui/use-host-action';
import { parseModelIds } from './endpoint-draft';
import { putProvider } from './models-store';

/** The model ids a compatible endpoint offers in pickers (its server may have more). */
export function ProviderModelsForm({ provider }: { provider: ProviderStatusView }) {
  const api = useBridge();
  const inputId = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const { pending, error, run, setError } = useHostAction();
  const value = draft ?? provider.models.join(', ');

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseModelIds(value);
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    const result = await run(() => api.invoke('models.saveProvider', { id: provider.id, models: parsed.models }));
    if (!result?.ok) return;
    setDraft(null);
    putProvider(api, result.data);
  };

  return (
    <form className="settings-row" onSubmit={save}>
      <label htmlFor={inputId} className="settings-row__label">
        Model ids
      </label>
      <input
        id={inputId}
        className="input mono settings-row__input"
        value={value}
        placeholder="comma-separated, e.g. qwen3-coder, llama3.3"
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => setDraft(e.target.value)}
      />
      <button type="submit" className="button button--small" disabled={pending} aria-busy={pending}>
        Save models
      </button>
      <InlineError message={error} />
    </form>
  );
}
