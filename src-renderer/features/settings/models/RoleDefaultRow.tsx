import { useId, useState, type FormEvent } from 'react';
import { useBridge } from '../../../bridge/bridge-context';
import { InlineError } from '../../../ui/InlineError';
import { useHostAction } from '../../../ui/use-host-action';
import { putRoleDefaults } from './models-store';
import { modelRefFromInput, roleDefaultSourceText, type RoleDefault } from './role-default-input';

/**
 * One role's default. The field holds only a default saved in Braid; one that comes from
 * BRAID_MODEL or is picked automatically shows as the placeholder and in the source line.
 */
export function RoleDefaultRow({ roleDefault, suggestionsId }: { roleDefault: RoleDefault; suggestionsId: string }) {
  const api = useBridge();
  const { role, ref, source } = roleDefault;
  const inputId = useId();
  const sourceId = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const { pending, error, run, setError } = useHostAction();
  const value = draft ?? (source === 'settings' ? (ref ?? '') : '');

  const send = async (model: string | null) => {
    const result = await run(() => api.invoke('models.setRoleDefault', { role, model }));
    if (!result?.ok) return;
    setDraft(null);
    putRoleDefaults(result.data);
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    const parsed = modelRefFromInput(value);
    if (parsed.ok) void send(parsed.model);
    else setError(parsed.message);
  };

  return (
    <form className="settings-row" onSubmit={save}>
      <label htmlFor={inputId} className="settings-row__label settings-row__label--wide">
        Default model for {role}
      </label>
      <input
        id={inputId}
        className="input mono settings-row__input"
        list={suggestionsId}
        value={value}
        placeholder={ref ?? 'provider:model'}
        spellCheck={false}
        autoComplete="off"
        aria-describedby={sourceId}
        onChange={(e) => setDraft(e.target.value)}
      />
      <button type="submit" className="button button--small" disabled={pending} aria-busy={pending} aria-label={`Save default for ${role}`}>
        Save
      </button>
      {source === 'settings' && (
        <button type="button" className="button button--small" onClick={() => void send(null)} disabled={pending} aria-label={`Clear default for ${role}`}>
          Clear
        </button>
      )}
      <p id={sourceId} className="settings-row__status">
        {ref ? <span className="mono">{ref}</span> : 'No model'} · {roleDefaultSourceText(source)}
      </p>
      <InlineError message={error} />
    </form>
  );
}
