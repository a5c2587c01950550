import { useState } from 'react';
import { useBridge } from '../../../bridge/bridge-context';
import { McpServerForm } from './McpServerForm';
import { emptyServerDraft, type McpServerConfigInput } from './mcp-server-draft';
import { loadMcpServers, useMcpSettingsStore } from './mcp-store';

/** "Add server", opening the form in place. */
export function AddMcpServer() {
  const api = useBridge();
  const [open, setOpen] = useState(false);

  const save = async (config: McpServerConfigInput) => {
    const result = await api.invoke('mcp.addServer', { config });
    if (!result.ok) return result;
    setOpen(false);
    void loadMcpServers(api, useMcpSettingsStore.getState().projectId);
    return result;
  };

  if (!open) {
    return (
      <button type="button" className="button settings-add" onClick={() => setOpen(true)}>
        Add server
      </button>
    );
  }
  return <McpServerForm label="Add server" initial={emptyServerDraft} onSave={save} onCancel={() => setOpen(false)} />;
}
