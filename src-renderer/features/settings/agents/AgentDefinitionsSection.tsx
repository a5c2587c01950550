import { useEffect, useState } from 'react';
import type { AgentDefinitions } from '../../../../src-shared/contract';
import { useBridge } from '../../../bridge/bridge-context';
import { InlineError } from '../../../ui/InlineError';
import { AgentDefinitionCard } from './AgentDefinitionCard';
import { AgentDefinitionForm } from './AgentDefinitionForm';
import { emptyAgentFields, fieldsFromView, type AgentDefinitionFields } from './agent-definition-draft';
import './agents.css';

interface Editing {
  initial: AgentDefinitionFields;
  previousFile?: string;
  /** Which card the form replaces (`source/file`), or null for a new one. */
  key: string | null;
}

/**
 * Settings → Agents, subagents: every definition of the project's and your home's agents
 * folders with its source, warnings and why it cannot be used, and a form that writes them.
 */
export function AgentDefinitionsSection({ projectId }: { projectId?: string }) {
  const api = useBridge();
  const [listed, setListed] = useState<AgentDefinitions | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void api.invoke('subagents.definitions', projectId ? { projectId } : {}).then((result) => {
      if (!current) return;
      if (result.ok) setListed(result.data);
      else setLoadError(result.error.message);
    });
    return () => {
      current = false;
    };
  }, [api, projectId]);

  const saved = (definitions: AgentDefinitions, message: string) => {
    setListed(definitions);
    setEditing(null);
    setNotice(message);
  };

  return (
    <section className="settings-section agent-definitions" aria-label="Subagents">
      <h3 className="settings-section__title">Subagents</h3>
      <p className="muted">
        An agent hands work to a subagent with its delegate tool: the subagent runs as a task nested under it, in the same workspace, with these instructions, tools, model and
        mode, and its last message comes back as the answer. Read from <span className="mono">.braid/agents</span> and <span className="mono">.claude/agents</span> in the project, then in
        your home; the project’s win a name.
      </p>
      {loadError && <InlineError message={loadError} />}
      {!listed && !loadError && <p className="muted">Loading…</p>}
      {listed && (
        <>
          {listed.definitions.length === 0 && !editing && <p className="muted">No subagents are defined yet.</p>}
          <div className="settings-list">
            {listed.definitions.map((definition) => {
              const key = `${definition.source}/${definition.file}`;
              if (editing?.key === key) {
                return <AgentDefinitionForm key={key} initial={editing.initial} previousFile={editing.previousFile} projectId={projectId} onSaved={saved} onCancel={() => setEditing(null)} />;
              }
              return (
                <AgentDefinitionCard
                  key={key}
                  definition={definition}
                  onEdit={() => {
                    setNotice(null);
                    setEditing({ initial: fieldsFromView(definition), previousFile: definition.file, key });
                  }}
                />
              );
            })}
          </div>
          {editing?.key === null ? (
            <AgentDefinitionForm initial={editing.initial} projectId={projectId} onSaved={saved} onCancel={() => setEditing(null)} />
          ) : (
            <div>
              <button
                type="button"
                className="button"
                onClick={() => {
                  setNotice(null);
                  setEditing({ initial: emptyAgentFields(projectId ? 'project-claude' : 'user-claude'), key: null });
                }}
              >
                New subagent
              </button>
            </div>
          )}
        </>
      )}
      <p role="status" className="settings-row__status">
        {notice}
      </p>
    </section>
  );
}
