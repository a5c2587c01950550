import { useState } from 'react';
import type { McpServerEntryView, MethodOutput } from '../../../../src-shared/contract';
import { useBridge } from '../../../bridge/bridge-context';
import { InlineError } from '../../../ui/InlineError';
import { useHostAction } from '../../../ui/use-host-action';
import { McpToolsList } from './McpToolsList';
import type { McpServerRef } from './mcp-status';

type ToolList = MethodOutput<'mcp.test'>['tools'];

/** "Test connection": connects, lists the tools, disconnects; the list then offers a switch per tool. */
export function McpServerTest({ entry, serverRef }: { entry: McpServerEntryView; serverRef: McpServerRef }) {
  const api = useBridge();
  const [tools, setTools] = useState<ToolList | null>(null);
  const { pending, error, run } = useHostAction();

  const test = async () => {
    const result = await run(() => api.invoke('mcp.test', { ref: serverRef }));
    if (result) setTools(result.ok ? result.data.tools : null);
  };

  return (
    <div className="settings-mcp-test">
      <div className="settings-card__actions">
        <button type="button" className="button button--small" onClick={test} disabled={pending} aria-busy={pending}>
          Test connection
        </button>
        <p role="status" className="settings-row__status settings-row__status--success">
          {pending ? 'Connecting…' : tools ? `Connected: ${tools.length === 1 ? '1 tool' : `${tools.length} tools`}` : null}
        </p>
      </div>
      <InlineError message={error} />
      {tools && tools.length > 0 && <McpToolsList entry={entry} serverRef={serverRef} tools={tools} />}
    </div>
  );
}
