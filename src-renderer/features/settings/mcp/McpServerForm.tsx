import { useId, useState, type FormEvent } from 'react';
import type { Result } from '../../../../src-shared/contract';
import { InlineError } from '../../../ui/InlineError';
import { useHostAction } from '../../../ui/use-host-action';
import { McpFormField } from './McpFormField';
import { configFromDraft, mcpTransports, type McpServerConfigInput, type McpServerDraft, type McpTransport } from './mcp-server-draft';

interface McpServerFormProps {
  /** The form's accessible name, e.g. "Add server" or "Edit github". */
  label: string;
  initial: McpServerDraft;
  /** Sends the config; a refusal keeps the form open with the host's reason. */
  onSave(config: McpServerConfigInput): Promise<Result<unknown>>;
  onCancel(): void;
}

const transportLabels: Record<McpTransport, string> = { stdio: 'stdio (a local command)', http: 'Streamable HTTP', sse: 'SSE' };

/** Add or edit one MCP server: a command (stdio) or a URL (Streamable HTTP, SSE). */
export function McpServerForm({ label, initial, onSave, onCancel }: McpServerFormProps) {
  const [draft, setDraft] = useState(initial);
  const { pending, error, run, setError } = useHostAction();
  const ids = { name: useId(), transport: useId(), command: useId(), args: useId(), env: useId(), cwd: useId(), url: useId(), headers: useId() };
  const edit = (change: Partial<McpServerDraft>) => setDraft((current) => ({ ...current, ...change }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = configFromDraft(draft);
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    await run(() => onSave(parsed.config));
  };

  return (
    <form className="form settings-card" aria-label={label} onSubmit={submit}>
      <div className="field-row">
        <div className="field">
          <label htmlFor={ids.name} className="field__label">
            Name
          </label>
          <input id={ids.name} className="input mono" value={draft.name} placeholder="e.g. github" spellCheck={false} autoComplete="off" onChange={(e) => edit({ name: e.target.value })} autoFocus />
        </div>
        <div className="field">
          <label htmlFor={ids.transport} className="field__label">
            Transport
          </label>
          <select id={ids.transport} className="input" value={draft.transport} onChange={(e) => edit({ transport: e.target.value as McpTransport })}>
            {mcpTransports.map((transport) => (
              <option key={transport} value={transport}>
                {transportLabels[transport]}
              </option>
            ))}
          </select>
        </div>
      </div>
      {draft.transport === 'stdio' ? (
        <>
          <McpFormField id={ids.command} label="Command" hint="The program only; its arguments go below." value={draft.command} placeholder="npx" onChange={(command) => edit({ command })} />
          <McpFormField multiline id={ids.args} label="Arguments" hint="One per line." value={draft.args} placeholder={'-y\n@modelcontextprotocol/server-github'} onChange={(args) => edit({ args })} />
          <McpFormField multiline id={ids.env} label="Environment" hint="KEY=VALUE per line; ${VAR} and ${VAR:-default} are expanded when it starts." value={draft.env} placeholder="GITHUB_TOKEN=${GITHUB_TOKEN}" onChange={(env) => edit({ env })} />
          <McpFormField id={ids.cwd} label="Working directory" hint="Optional." value={draft.cwd} placeholder="/path/to/folder" onChange={(cwd) => edit({ cwd })} />
        </>
      ) : (
        <>
          <McpFormField id={ids.url} label="URL" value={draft.url} placeholder="https://example.com/mcp" onChange={(url) => edit({ url })} />
          <McpFormField multiline id={ids.headers} label="Headers" hint="Name: value per line." value={draft.headers} placeholder="Authorization: Bearer ${API_TOKEN}" onChange={(headers) => edit({ headers })} />
        </>
      )}
      <InlineError message={error} />
      <div className="modal__actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={pending} aria-busy={pending}>
          Save server
        </button>
      </div>
    </form>
  );
}
