import { agentDefinitionSourceLabels, type AgentDefinitionView } from '../../../../src-shared/contract';

/** One definition file: what it gives its subagent, where it lives, and what is wrong with it. */
export function AgentDefinitionCard({ definition, onEdit }: { definition: AgentDefinitionView; onEdit(): void }) {
  const { name, source, path, error, warnings, shadowedBy } = definition;
  return (
    <article className="settings-card agent-card" aria-label={`Subagent ${name} (${agentDefinitionSourceLabels[source]})`}>
      <header className="settings-card__header">
        <h4 className="settings-card__title mono">{name}</h4>
        <span className="settings-card__id">{agentDefinitionSourceLabels[source]}</span>
      </header>
      {definition.description && <p className="agent-card__description">{definition.description}</p>}
      <p className="settings-card__detail mono selectable">{path}</p>
      {error ? (
        <p className="agent-card__error" role="note">
          Cannot be used: {error}
        </p>
      ) : (
        <dl className="facts facts--inline agent-card__facts">
          <dt>Tools</dt>
          <dd className="mono">{definition.tools === null ? 'its parent’s' : definition.tools.join(', ') || 'none'}</dd>
          {definition.disallowedTools.length > 0 && (
            <>
              <dt>Never</dt>
              <dd className="mono">{definition.disallowedTools.join(', ')}</dd>
            </>
          )}
          <dt>Model</dt>
          <dd className="mono">{definition.model ?? 'its parent’s'}</dd>
          <dt>Mode</dt>
          <dd className="mono">{definition.permissionMode ?? 'its parent’s'}</dd>
          {definition.maxTurns !== null && (
            <>
              <dt>Turns</dt>
              <dd>{definition.maxTurns}</dd>
            </>
          )}
        </dl>
      )}
      {shadowedBy && <p className="muted">Not used: {agentDefinitionSourceLabels[shadowedBy]} has a subagent with this name.</p>}
      {warnings.length > 0 && (
        <ul className="agent-card__warnings" aria-label={`Warnings about ${name}`}>
          {warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
      {error === null && definition.file !== '' && (
        <div className="settings-card__actions">
          <button type="button" className="button button--small" onClick={onEdit}>
            Edit
          </button>
        </div>
      )}
    </article>
  );
}
