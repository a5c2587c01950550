import type { McpServerEntryView } from '../../../../src-shared/contract';
import { useBridge } from '../../../bridge/bridge-context';
import { McpServerForm } from './McpServerForm';
import { draftFromConfig, type McpServerConfigInput } from './mcp-server-draft';
import { loadMcpServers, useMcpSettingsStore } from './mcp-store';

/** Edits one of the user's servers in place; renaming keeps its switches. */
export function EditMcpServer({ entry, onDone }: { entry: McpServerEntryView; onDone(): void }) {
  const api = useBridge();
  const save = async (config: McpServerConfigInput) => {
    const result = await api.invoke('mcp.updateServer', { name: entry.config.name, config });
    if (!result.ok) return result;
    onDone();
    void loadMcpServers(api, useMcpSettingsStore.getState().projectId);
    return result;
  };
  return <McpServerForm label={`Edit ${entry.config.name}`} initial={draftFromConfig(entry.config)} onSave={save} onCancel={onDone} />;
}
