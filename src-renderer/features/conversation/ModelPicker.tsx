import { useId, useState, type KeyboardEvent } from 'react';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { useHostAction } from '../../ui/use-host-action';
import { useConfiguredModels } from './use-configured-models';

const roleDefault = 'Role default';

/** Empty or "Role default" means the role's default model (null for the host). */
function toModelRef(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' || trimmed.toLowerCase() === roleDefault.toLowerCase() ? null : trimmed;
}

/**
 * The task's model as `<provider>:<model>`: free text, with the configured providers' models
 * suggested. Applied with Enter or "Use model"; Escape reverts.
 */
export function ModelPicker({ taskId, model }: { taskId: string; model: string | null }) {
  const api = useBridge();
  const inputId = useId();
  const listId = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const { pending, error, run, clearError } = useHostAction();
  const configured = useConfiguredModels();
  const value = draft ?? model ?? '';
  const dirty = draft !== null && toModelRef(draft) !== model;

  const apply = async () => {
    if (draft === null) return;
    if (!dirty) {
      setDraft(null);
      return;
    }
    const result = await run(() => api.invoke('agent.setModel', { taskId, model: toModelRef(draft) }));
    if (result?.ok) setDraft(null);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void apply();
    } else if (event.key === 'Escape' && draft !== null) {
      event.preventDefault();
      setDraft(null);
      clearError();
    }
  };

  return (
    <div className="model-picker">
      <label htmlFor={inputId} className="model-picker__label">
        Model
      </label>
      <input
        id={inputId}
        className="input mono model-picker__input"
        list={listId}
        value={value}
        placeholder="role default"
        spellCheck={false}
        autoComplete="off"
        onFocus={configured.load}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onKeyDown}
        aria-invalid={error !== null}
      />
      <datalist id={listId}>
        <option value={roleDefault} />
        {model && !configured.models.includes(model) && <option value={model} />}
        {configured.models.map((ref) => (
          <option key={ref} value={ref} />
        ))}
      </datalist>
      {dirty && (
        <button type="button" className="button button--small" onClick={apply} disabled={pending} aria-busy={pending}>
          Use model
        </button>
      )}
      <InlineError message={error} />
    </div>
  );
}
