import { create } from 'zustand';
import type { McpServerEntryView, McpServerStatusView } from '../../../../src-shared/contract';
import type { Bridge } from '../../../bridge/bridge';
import { applyServerStatus, entryKey } from './mcp-status';

export interface McpProblem {
  file: string;
  message: string;
}

interface McpSettingsState {
  /** The project the list was asked for (its `.mcp.json` servers are included). */
  projectId: string | undefined;
  servers: McpServerEntryView[] | null;
  problems: McpProblem[];
  loadError: string | null;
}

/** Settings → MCP servers: the app's servers, the open project's, and their live status. */
export const useMcpSettingsStore = create<McpSettingsState>()(() => ({ projectId: undefined, servers: null, problems: [], loadError: null }));

// Every local change bumps this, so a list requested before the change cannot overwrite it.
let generation = 0;
let loading: Promise<void> | null = null;
let reloadWanted = false;
let wantedProjectId: string | undefined;

async function fetchServers(api: Bridge, projectId: string | undefined): Promise<void> {
  const asked = ++generation;
  const result = await api.invoke('mcp.servers', projectId ? { projectId } : {});
  if (asked !== generation) return;
  if (result.ok) useMcpSettingsStore.setState({ servers: result.data.servers, problems: result.data.problems, loadError: null });
  else useMcpSettingsStore.setState({ loadError: result.error.message });
}

/** A newer truth is on its way or already shown: drop the answer in flight and ask again after it. */
function invalidate(): void {
  generation++;
  if (loading) reloadWanted = true;
}

/** Loads the list; calls while a load runs are folded into one more load after it. */
export function loadMcpServers(api: Bridge, projectId: string | undefined): Promise<void> {
  if (projectId !== wantedProjectId) {
    wantedProjectId = projectId;
    invalidate();
    useMcpSettingsStore.setState({ projectId, servers: null, problems: [], loadError: null });
  }
  if (loading) {
    reloadWanted = true;
    return loading;
  }
  loading = fetchServers(api, projectId).finally(() => {
    loading = null;
    if (reloadWanted) {
      reloadWanted = false;
      void loadMcpServers(api, wantedProjectId);
    }
  });
  return loading;
}

/** A live status: shown in place when the list knows the connection, else the list is fetched again. */
export function receiveMcpStatus(api: Bridge, status: McpServerStatusView): void {
  const { servers } = useMcpSettingsStore.getState();
  if (!servers) return;
  const applied = applyServerStatus(servers, status);
  if (applied.known) {
    invalidate();
    useMcpSettingsStore.setState({ servers: applied.servers });
  } else void loadMcpServers(api, wantedProjectId);
}

/** Applies a change the host confirmed to one entry. */
export function updateMcpEntry(key: string, update: (entry: McpServerEntryView) => McpServerEntryView): void {
  invalidate();
  const { servers } = useMcpSettingsStore.getState();
  if (servers) useMcpSettingsStore.setState({ servers: servers.map((entry) => (entryKey(entry) === key ? update(entry) : entry)) });
}
