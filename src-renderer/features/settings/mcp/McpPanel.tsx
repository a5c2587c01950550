import { useEffect, useId } from 'react';
import { useBridge } from '../../../bridge/bridge-context';
import { InlineError } from '../../../ui/InlineError';
import { AddMcpServer } from './AddMcpServer';
import { McpServerCard } from './McpServerCard';
import { entryKey } from './mcp-status';
import { loadMcpServers, receiveMcpStatus, useMcpSettingsStore } from './mcp-store';
import { ProjectServersSection } from './ProjectServersSection';

/** Settings → MCP servers: the user's own servers, and the project's once trusted; live status. */
export function McpPanel({ projectId }: { projectId?: string }) {
  const api = useBridge();
  const servers = useMcpSettingsStore((s) => s.servers);
  const problems = useMcpSettingsStore((s) => s.problems);
  const loadError = useMcpSettingsStore((s) => s.loadError);
  const headingId = useId();

  useEffect(() => {
    // Listen first, so a status that changes while the list loads is not missed.
    const stop = api.on('mcp.status', ({ status }) => receiveMcpStatus(api, status));
    void loadMcpServers(api, projectId);
    return stop;
  }, [api, projectId]);

  if (!servers) return loadError ? <InlineError message={loadError} /> : <p className="muted">Loading MCP servers…</p>;
  const appServers = servers.filter((entry) => entry.scope === 'app');
  return (
    <div className="settings-stack">
      <InlineError message={loadError} />
      <section aria-labelledby={headingId} className="settings-section">
        <h3 id={headingId} className="settings-section__title">
          Your servers
        </h3>
        <p className="field__hint">
          Available to agents in every project; tools reach the model as <span className="mono">mcp__&lt;server&gt;__&lt;tool&gt;</span>. A server starts when a task needs it.
        </p>
        {appServers.length === 0 ? (
          <p className="muted">No servers yet.</p>
        ) : (
          <ul className="settings-list">
            {appServers.map((entry) => (
              <li key={entryKey(entry)}>
                <McpServerCard entry={entry} />
              </li>
            ))}
          </ul>
        )}
        <AddMcpServer />
      </section>
      {projectId && <ProjectServersSection projectId={projectId} servers={servers.filter((entry) => entry.scope === 'project')} problems={problems} />}
    </div>
  );
}
