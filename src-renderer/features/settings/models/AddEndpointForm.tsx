import { useId, useState, type FormEvent } from 'react';
import { useBridge } from '../../../bridge/bridge-context';
import { InlineError } from '../../../ui/InlineError';
import { useHostAction } from '../../../ui/use-host-action';
import { customPreset, draftForPreset, providerInputFromDraft, type EndpointDraft, type ProviderPreset } from './endpoint-draft';
import { putProvider } from './models-store';

interface AddEndpointFormProps {
  presets: readonly ProviderPreset[];
  existingIds: readonly string[];
  onDone(): void;
}

/** The new endpoint's fields, filled in from the first preset not added yet. */
export function AddEndpointForm({ presets, existingIds, onDone }: AddEndpointFormProps) {
  const api = useBridge();
  const firstFree = presets.find((preset) => !existingIds.includes(preset.id))?.id ?? customPreset;
  const [draft, setDraft] = useState<EndpointDraft>(() => draftForPreset(firstFree, presets));
  const { pending, error, run, setError } = useHostAction();
  const ids = { preset: useId(), id: useId(), label: useId(), baseURL: useId(), models: useId() };
  const keyRequired = presets.find((preset) => preset.id === draft.id.trim())?.keyRequired ?? false;
  const edit = (change: Partial<EndpointDraft>) => setDraft((current) => ({ ...current, ...change }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = providerInputFromDraft(draft, presets, existingIds);
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    const result = await run(() => api.invoke('models.saveProvider', parsed.input));
    if (!result?.ok) return;
    putProvider(api, result.data);
    onDone();
  };

  return (
    <form className="form settings-card" aria-label="Add endpoint" onSubmit={submit}>
      <div className="field-row">
        <div className="field">
          <label htmlFor={ids.preset} className="field__label">
            Preset
          </label>
          <select id={ids.preset} className="input" value={draft.preset} onChange={(e) => setDraft(draftForPreset(e.target.value, presets, draft.models))} autoFocus>
            {presets.map((preset) => (
              <option key={preset.id} value={preset.id}>
                {preset.label}
              </option>
            ))}
            <option value={customPreset}>Custom</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.id} className="field__label">
            Endpoint id
          </label>
          <input id={ids.id} className="input mono" value={draft.id} placeholder="e.g. gpu-box" spellCheck={false} autoComplete="off" onChange={(e) => edit({ id: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={ids.label} className="field__label">
            Label
          </label>
          <input id={ids.label} className="input" value={draft.label} placeholder="optional" onChange={(e) => edit({ label: e.target.value })} />
        </div>
      </div>
      <div className="field">
        <label htmlFor={ids.baseURL} className="field__label">
          Base URL
        </label>
        <input id={ids.baseURL} className="input mono" value={draft.baseURL} placeholder="http://127.0.0.1:8000/v1" spellCheck={false} autoComplete="off" onChange={(e) => edit({ baseURL: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={ids.models} className="field__label">
          Model ids
        </label>
        <input id={ids.models} className="input mono" value={draft.models} placeholder="comma-separated, e.g. qwen3-coder, llama3.3" spellCheck={false} autoComplete="off" onChange={(e) => edit({ models: e.target.value })} />
        <p className="field__hint">
          Models are chosen as <span className="mono">{draft.id.trim() || '<id>'}:&lt;model id&gt;</span>.{keyRequired ? ' Enter its API key in its card once it is added.' : ''}
        </p>
      </div>
      <InlineError message={error} />
      <div className="modal__actions">
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={pending} aria-busy={pending}>
          Save endpoint
        </button>
      </div>
    </form>
  );
}
