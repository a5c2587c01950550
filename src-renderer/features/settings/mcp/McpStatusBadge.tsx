import type { McpServerEntryView } from '../../../../src-shared/contract';
import { serverStateText } from './mcp-status';

/** stopped / connecting / ready / failed, with the restarts so far when there were any. */
export function McpStatusBadge({ entry }: { entry: McpServerEntryView }) {
  const state = serverStateText(entry);
  const restarts = entry.status?.restarts ?? 0;
  return (
    <span className="settings-status">
      <span className={`badge settings-badge--${state}`}>{state}</span>
      {restarts > 0 && <span className="settings-status__restarts">{restarts === 1 ? '1 restart' : `${restarts} restarts`}</span>}
    </span>
  );
}
