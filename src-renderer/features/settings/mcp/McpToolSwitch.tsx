import type { McpServerEntryView } from '../../../../src-shared/contract';
import { useBridge } from '../../../bridge/bridge-context';
import { EnabledSwitch } from '../EnabledSwitch';
import { entryKey, type McpServerRef } from './mcp-status';
import { updateMcpEntry } from './mcp-store';

/** One tool's switch, named by the tool. */
export function McpToolSwitch({ entry, serverRef, tool }: { entry: McpServerEntryView; serverRef: McpServerRef; tool: string }) {
  const api = useBridge();
  const setEnabled = async (enabled: boolean) => {
    const result = await api.invoke('mcp.setToolEnabled', { ref: serverRef, tool, enabled });
    if (!result.ok) return result;
    updateMcpEntry(entryKey(entry), (current) => {
      const others = current.disabledTools.filter((name) => name !== tool);
      return { ...current, disabledTools: result.data.enabled ? others : [...others, tool] };
    });
    return result;
  };
  return <EnabledSwitch checked={!entry.disabledTools.includes(tool)} label={tool} onToggle={setEnabled} />;
}
