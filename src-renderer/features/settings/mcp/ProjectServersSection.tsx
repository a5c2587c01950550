import { useId } from 'react';
import type { McpServerEntryView } from '../../../../src-shared/contract';
import { McpServerCard } from './McpServerCard';
import { entryKey } from './mcp-status';
import type { McpProblem } from './mcp-store';

interface ProjectServersSectionProps {
  projectId: string;
  servers: readonly McpServerEntryView[];
  problems: readonly McpProblem[];
}

/** The host's message usually starts with the file already; say it once. */
const problemText = ({ file, message }: McpProblem) => (message.startsWith(file) ? message : `${file}: ${message}`);

/** The servers the project's `.mcp.json` declares; each runs only after the user trusts it. */
export function ProjectServersSection({ projectId, servers, problems }: ProjectServersSectionProps) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="settings-section">
      <h3 id={headingId} className="settings-section__title">
        This project (.mcp.json)
      </h3>
      <p className="field__hint">Declared by files in the repository. Each runs only once you trust it; a changed entry asks again.</p>
      {problems.map((problem, index) => (
        <p key={`${problem.file}:${index}`} role="alert" className="inline-error">
          {problemText(problem)}
        </p>
      ))}
      {servers.length === 0 ? (
        <p className="muted">This project declares no MCP servers.</p>
      ) : (
        <ul className="settings-list">
          {servers.map((entry) => (
            <li key={entryKey(entry)}>
              <McpServerCard entry={entry} projectId={projectId} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
