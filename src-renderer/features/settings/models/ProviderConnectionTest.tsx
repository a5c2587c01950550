import { useId, useState, type FormEvent } from 'react';
import type { ProviderStatusView } from '../../../../src-shared/contract';
import { useBridge } from '../../../bridge/bridge-context';
import { InlineError } from '../../../ui/InlineError';
import { useHostAction } from '../../../ui/use-host-action';

/**
 * "Test connection": a real, tiny request. Success shows the round trip; a failure shows the
 * host's words, which name the cause (bad key, unreachable, unknown model).
 */
export function ProviderConnectionTest({ provider }: { provider: ProviderStatusView }) {
  const api = useBridge();
  const inputId = useId();
  const listId = useId();
  const [model, setModel] = useState('');
  const [success, setSuccess] = useState<string | null>(null);
  const { pending, error, run } = useHostAction();

  const test = async (event: FormEvent) => {
    event.preventDefault();
    const modelId = model.trim();
    const result = await run(() => {
      setSuccess(null);
      return api.invoke('models.testConnection', { providerId: provider.id, ...(modelId ? { modelId } : {}) });
    });
    if (!result?.ok) return;
    const listed = result.data.models ? ` · ${result.data.models.length} models listed` : '';
    setSuccess(`Connected: ${result.data.model} answered in ${Math.round(result.data.latencyMs)} ms${listed}`);
  };

  return (
    <form className="settings-row" onSubmit={test}>
      <label htmlFor={inputId} className="settings-row__label">
        Model to test
      </label>
      <input
        id={inputId}
        className="input mono settings-row__input"
        list={listId}
        value={model}
        placeholder={provider.models[0] ?? 'the models it lists'}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => setModel(e.target.value)}
      />
      <datalist id={listId}>
        {provider.models.map((id) => (
          <option key={id} value={id} />
        ))}
      </datalist>
      <button type="submit" className="button button--small" disabled={pending} aria-busy={pending}>
        Test connection
      </button>
      <p role="status" className="settings-row__status settings-row__status--success">
        {pending ? 'Testing…' : success}
      </p>
      <InlineError message={error} />
    </form>
  );
}
