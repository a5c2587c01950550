import type { McpServerEntryView, MethodOutput } from '../../../../src-shared/contract';
import { McpToolSwitch } from './McpToolSwitch';
import type { McpServerRef } from './mcp-status';

type Tool = MethodOutput<'mcp.test'>['tools'][number];

interface McpToolsListProps {
  entry: McpServerEntryView;
  serverRef: McpServerRef;
  tools: readonly Tool[];
}

/** A server's tools with a switch each; a switched-off tool is never offered to the model. */
export function McpToolsList({ entry, serverRef, tools }: McpToolsListProps) {
  return (
    <ul aria-label={`Tools of ${entry.config.name}`} className="settings-tools">
      {tools.map((tool) => (
        <li key={tool.name} className="settings-tools__item">
          <McpToolSwitch entry={entry} serverRef={serverRef} tool={tool.name} />
          {tool.description && <p className="settings-tools__description">{tool.description}</p>}
        </li>
      ))}
    </ul>
  );
}
