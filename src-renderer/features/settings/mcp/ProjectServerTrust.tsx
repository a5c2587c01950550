import { useState } from 'react';
import type { McpServerEntryView } from '../../../../src-shared/contract';
import { useBridge } from '../../../bridge/bridge-context';
import { InlineError } from '../../../ui/InlineError';
import { useSingleFlight } from '../../../ui/use-single-flight';
import { describeServerLaunch } from './mcp-status';
import { loadMcpServers, useMcpSettingsStore } from './mcp-store';

/**
 * A project file asks to run something: say exactly what (hidden characters made visible),
 * and run it only when the user says so.
 */
export function ProjectServerTrust({ entry, projectId }: { entry: McpServerEntryView; projectId: string }) {
  const api = useBridge();
  const [error, setError] = useState<string | null>(null);
  const { pending, run } = useSingleFlight();
  const launch = describeServerLaunch(entry.config);
  const name = entry.config.name;

  const trust = async () => {
    const problem = await run(async () => {
      setError(null);
      const trusted = await api.invoke('mcp.trust', { projectId, name });
      if (!trusted.ok) return trusted.error.message;
      if (entry.enabled) return null;
      const enabled = await api.invoke('mcp.setEnabled', { ref: { scope: 'project', projectId, name }, enabled: true });
      return enabled.ok ? null : enabled.error.message;
    });
    if (problem === undefined) return;
    if (problem) setError(problem);
    void loadMcpServers(api, useMcpSettingsStore.getState().projectId);
  };

  return (
    <div className="settings-trust">
      <p>
        Not trusted yet. {launch.kind === 'command' ? 'Runs ' : 'Connects to '}
        <code className="settings-trust__command">{launch.text}</code>
        {launch.kind === 'command' ? ' on your machine.' : '.'}
      </p>
      <div>
        <button type="button" className="button button--small button--primary" onClick={trust} disabled={pending} aria-busy={pending}>
          Trust and enable
        </button>
      </div>
      <InlineError message={error} />
    </div>
  );
}
