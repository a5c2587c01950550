import { useId, useState } from 'react';
import type { McpServerEntryView } from '../../../../src-shared/contract';
import { useBridge } from '../../../bridge/bridge-context';
import { InlineError } from '../../../ui/InlineError';
import { EnabledSwitch } from '../EnabledSwitch';
import { EditMcpServer } from './EditMcpServer';
import { McpServerTest } from './McpServerTest';
import { McpStatusBadge } from './McpStatusBadge';
import { describeServerLaunch, entryKey, refFor } from './mcp-status';
import { updateMcpEntry } from './mcp-store';
import { ProjectServerTrust } from './ProjectServerTrust';
import { RemoveMcpServerButton } from './RemoveMcpServerButton';
import { RestartMcpServerButton } from './RestartMcpServerButton';

/** Transport and target in one line, with hidden characters made visible (a project file wrote it). */
function describeTarget(config: McpServerEntryView['config']): string {
  const { text } = describeServerLaunch(config);
  return 'url' in config ? `${config.type} · ${text}` : `stdio · ${text}`;
}

/**
 * One server: status, on/off, test with its tools, and for the user's own servers edit and
 * remove. A project server nobody trusted yet only offers to trust it.
 */
export function McpServerCard({ entry, projectId }: { entry: McpServerEntryView; projectId?: string }) {
  const api = useBridge();
  const headingId = useId();
  const [editing, setEditing] = useState(false);
  const ref = refFor(entry, projectId);
  const key = entryKey(entry);
  const own = entry.scope === 'app';
  const usable = entry.trusted;
  const failed = entry.status?.state === 'failed';

  const setEnabled = async (enabled: boolean) => {
    const result = await api.invoke('mcp.setEnabled', { ref, enabled });
    if (result.ok) updateMcpEntry(key, (current) => ({ ...current, enabled: result.data.enabled }));
    return result;
  };

  return (
    <section aria-labelledby={headingId} className="settings-card">
      <header className="settings-card__header">
        <h4 id={headingId} className="settings-card__title mono">
          {entry.config.name}
        </h4>
        <McpStatusBadge entry={entry} />
        {entry.source && <span className="settings-card__id">from {entry.source}</span>}
        {usable && <EnabledSwitch checked={entry.enabled} onToggle={setEnabled} />}
      </header>
      <p className="settings-card__detail mono">{describeTarget(entry.config)}</p>
      {failed && <InlineError message={`Failed: ${entry.status?.error ?? 'the server stopped'}`} />}
      {!usable && projectId && <ProjectServerTrust entry={entry} projectId={projectId} />}
      {usable && (own || failed) && (
        <div className="settings-card__actions">
          {own && !editing && (
            <button type="button" className="button button--small" onClick={() => setEditing(true)}>
              Edit
            </button>
          )}
          {failed && entry.status && <RestartMcpServerButton statusKey={entry.status.key} />}
          {own && <RemoveMcpServerButton name={entry.config.name} />}
        </div>
      )}
      {editing && <EditMcpServer entry={entry} onDone={() => setEditing(false)} />}
      {usable && <McpServerTest entry={entry} serverRef={ref} />}
    </section>
  );
}
