import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { agentDefinitionSourceLabels, agentDefinitionSources, validationIssueSchema, type AgentDefinitionDraft, type AgentDefinitions, type AgentPermissionMode, type ValidationIssue } from '../../../../src-shared/contract';
import { useBridge } from '../../../bridge/bridge-context';
import { InlineError } from '../../../ui/InlineError';
import { useHostAction } from '../../../ui/use-host-action';
import { draftFromFields, issueFor, type AgentDefinitionFields } from './agent-definition-draft';

/** Claude Code's names, so the file reads the same in Claude Code; the label says what Braid does. */
const modeChoices: { value: AgentPermissionMode | ''; label: string }[] = [
  { value: '', label: 'Its parent’s mode' },
  { value: 'default', label: 'Ask (default)' },
  { value: 'acceptEdits', label: 'Accept edits (acceptEdits)' },
  { value: 'plan', label: 'Plan, read-only (plan)' },
  { value: 'bypassPermissions', label: 'Full auto (bypassPermissions)' },
];

interface AgentDefinitionFormProps {
  initial: AgentDefinitionFields;
  /** Editing: the file it replaces (its folder is the source's, which then cannot change). */
  previousFile?: string;
  projectId?: string;
  onSaved(definitions: AgentDefinitions, message: string): void;
  onCancel(): void;
}

/** Creates or edits a subagent definition: the file is written in the folder of the source chosen. */
export function AgentDefinitionForm({ initial, previousFile, projectId, onSaved, onCancel }: AgentDefinitionFormProps) {
  const api = useBridge();
  const id = useId();
  const [fields, setFields] = useState(initial);
  const [issues, setIssues] = useState<ValidationIssue[]>([]);
  const { pending, error, run } = useHostAction();
  const set = <K extends keyof AgentDefinitionFields>(key: K) => (value: AgentDefinitionFields[K]) => setFields((current) => ({ ...current, [key]: value }));
  const modes = modeChoices.some((choice) => choice.value === fields.permissionMode) ? modeChoices : [...modeChoices, { value: fields.permissionMode, label: fields.permissionMode }];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = draftFromFields(fields);
    if (!checked.ok) {
      setIssues(checked.issues);
      return;
    }
    setIssues([]);
    const result = await run(
      () => api.invoke('subagents.saveDefinition', { ...(projectId ? { projectId } : {}), source: fields.source, ...(previousFile ? { previousFile } : {}), definition: checked.draft }),
      {
        explain: (failure) => {
          const parsed = validationIssueSchema.array().safeParse((failure.details as { issues?: unknown } | undefined)?.issues);
          if (parsed.success) setIssues(parsed.data);
          return failure.message;
        },
      },
    );
    if (result?.ok) onSaved(result.data, `Saved ${checked.draft.name}.md in ${agentDefinitionSourceLabels[fields.source]}.`);
  };

  const field = (key: keyof AgentDefinitionDraft, label: string, hint: string, input: (props: { id: string; 'aria-describedby': string; 'aria-invalid': boolean }) => ReactNode) => {
    const problem = issueFor(issues, key);
    const inputId = `${id}-${key}`;
    return (
      <div className="field">
        <label htmlFor={inputId} className="field__label">
          {label}
        </label>
        {input({ id: inputId, 'aria-describedby': `${inputId}-hint`, 'aria-invalid': problem !== null })}
        <p id={`${inputId}-hint`} className={problem ? 'field__error' : 'field__hint'}>
          {problem ?? hint}
        </p>
      </div>
    );
  };

  return (
    <form className="form settings-card agent-form" aria-label={previousFile ? `Edit subagent ${initial.name}` : 'New subagent'} onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-source`} className="field__label">
          Where
        </label>
        <select id={`${id}-source`} className="input" value={fields.source} disabled={previousFile !== undefined} onChange={(e) => set('source')(e.target.value as AgentDefinitionFields['source'])}>
          {agentDefinitionSources.map((source) => (
            <option key={source} value={source} disabled={source.startsWith('project') && !projectId}>
              {agentDefinitionSourceLabels[source]}
            </option>
          ))}
        </select>
      </div>
      {field('name', 'Name', 'The name the parent agent delegates to, and the file’s name: lowercase letters, digits and hyphens.', (props) => (
        <input {...props} className="input mono" autoComplete="off" spellCheck={false} value={fields.name} onChange={(e) => set('name')(e.target.value)} />
      ))}
      {field('description', 'Description', 'When to use it: the parent agent reads this to choose a subagent.', (props) => (
        <input {...props} className="input" value={fields.description} onChange={(e) => set('description')(e.target.value)} />
      ))}
      {field('tools', 'Tools', 'Comma-separated, Claude Code’s names or Braid’s (Read, Grep, Bash, mcp__server, Agent(name)); empty: its parent’s tools.', (props) => (
        <input {...props} className="input mono" autoComplete="off" spellCheck={false} value={fields.tools} onChange={(e) => set('tools')(e.target.value)} />
      ))}
      {field('disallowedTools', 'Disallowed tools', 'Comma-separated; never offered even if its tools would give them.', (props) => (
        <input {...props} className="input mono" autoComplete="off" spellCheck={false} value={fields.disallowedTools} onChange={(e) => set('disallowedTools')(e.target.value)} />
      ))}
      {field('model', 'Model', 'A model reference (openai:gpt-4o) or sonnet, opus, haiku; empty: its parent’s model.', (props) => (
        <input {...props} className="input mono" autoComplete="off" spellCheck={false} value={fields.model} onChange={(e) => set('model')(e.target.value)} />
      ))}
      {field('permissionMode', 'Permission mode', 'Never looser than its parent’s, unless one of your allow rules names it: Agent(name).', (props) => (
        <select {...props} className="input" value={fields.permissionMode} onChange={(e) => set('permissionMode')(e.target.value as AgentDefinitionFields['permissionMode'])}>
          {modes.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      ))}
      {field('maxTurns', 'Turn limit', 'Steps it may take before it stops and its parent is told; empty: the usual limit.', (props) => (
        <input {...props} className="input" type="number" min={1} max={1000} step={1} inputMode="numeric" value={fields.maxTurns} onChange={(e) => set('maxTurns')(e.target.value)} />
      ))}
      {field('prompt', 'Instructions', 'Its system prompt (the file’s body).', (props) => (
        <textarea {...props} className="input textarea settings-textarea" rows={6} value={fields.prompt} onChange={(e) => set('prompt')(e.target.value)} />
      ))}
      <InlineError message={error} />
      <div className="settings-card__actions">
        <button type="submit" className="button button--primary" disabled={pending} aria-busy={pending}>
          Save subagent
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
