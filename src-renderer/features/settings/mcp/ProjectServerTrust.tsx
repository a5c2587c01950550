import type { McpServerEntryView, Result } from '../../../../src-shared/contract';
import { useBridge } from '../../../bridge/bridge-context';
import { InlineError } from '../../../ui/InlineError';
import { useHostAction } from '../../../ui/use-host-action';
import { describeServerLaunch } from './mcp-status';
import { loadMcpServers, useMcpSettingsStore } from './mcp-store';

/**
 * A project file asks to run something: say exactly what (hidden characters made visible),
 * and run it only when the user says so.
 */
export function ProjectServerTrust({ entry, projectId }: { entry: McpServerEntryView; projectId: string }) {
  const api = useBridge();
  const { pending, error, run } = useHostAction();
  const launch = describeServerLaunch(entry.config);
  const name = entry.config.name;

  const trust = async () => {
    const result = await run(async (): Promise<Result<unknown>> => {
      const trusted = await api.invoke('mcp.trust', { projectId, name });
      if (!trusted.ok || entry.enabled) return trusted;
      return api.invoke('mcp.setEnabled', { ref: { scope: 'project', projectId, name }, enabled: true });
    });
    if (result === undefined) return;
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
