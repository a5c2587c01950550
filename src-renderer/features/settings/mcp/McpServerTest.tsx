import { useState } from 'react';
import type { McpServerEntryView, MethodOutput } from '../../../../src-shared/contract';
import { useBridge } from '../../../bridge/bridge-context';
import { InlineError } from '../../../ui/InlineError';
import { useSingleFlight } from '../../../ui/use-single-flight';
import { McpToolsList } from './McpToolsList';
import type { McpServerRef } from './mcp-status';

type ToolList = MethodOutput<'mcp.test'>['tools'];

/** "Test connection": connects, lists the tools, disconnects; the list then offers a switch per tool. */
export function McpServerTest({ entry, serverRef }: { entry: McpServerEntryView; serverRef: McpServerRef }) {
  const api = useBridge();
  const [tools, setTools] = useState<ToolList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { pending, run } = useSingleFlight();

  const test = async () => {
    const result = await run(() => {
      setError(null);
      return api.invoke('mcp.test', { ref: serverRef });
    });
    if (!result) return;
    if (result.ok) setTools(result.data.tools);
    else {
      setTools(null);
      setError(result.error.message);
    }
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
