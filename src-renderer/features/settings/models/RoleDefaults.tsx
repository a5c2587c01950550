import { useId } from 'react';
import type { ProviderStatusView } from '../../../../src-shared/contract';
import type { RoleDefault } from './role-default-input';
import { RoleDefaultRow } from './RoleDefaultRow';

interface RoleDefaultsProps {
  roleDefaults: readonly RoleDefault[];
  providers: readonly ProviderStatusView[];
}

/** The model a task of each role gets when it names none. */
export function RoleDefaults({ roleDefaults, providers }: RoleDefaultsProps) {
  const headingId = useId();
  const suggestionsId = useId();
  const suggestions = providers.filter((provider) => provider.enabled).flatMap((provider) => provider.models.map((model) => `${provider.id}:${model}`));
  return (
    <section aria-labelledby={headingId} className="settings-section">
      <h3 id={headingId} className="settings-section__title">
        Default models
      </h3>
      <p className="field__hint">
        Written <span className="mono">&lt;provider&gt;:&lt;model&gt;</span>. A task can still choose its own model.
      </p>
      <datalist id={suggestionsId}>
        {suggestions.map((ref) => (
          <option key={ref} value={ref} />
        ))}
      </datalist>
      {roleDefaults.map((roleDefault) => (
        <RoleDefaultRow key={roleDefault.role} roleDefault={roleDefault} suggestionsId={suggestionsId} />
      ))}
    </section>
  );
}
