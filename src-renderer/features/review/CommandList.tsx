import { commandFailed, commandOutcomeLabel } from './file-labels';
import type { AgentCommand } from './review-types';

/** The commands the agent ran, each with its exit code; failures stand out and come first in the count. */
export function CommandList({ commands, onShowStep }: { commands: readonly AgentCommand[]; onShowStep?(callId: string): void }) {
  if (commands.length === 0) return <p className="muted command-list__none">The agent ran no commands.</p>;
  const failed = commands.filter(commandFailed).length;
  return (
    <details className="command-list" open={failed > 0}>
      <summary>
        Commands run: {commands.length}
        {failed > 0 && <span className="command-list__failed"> · {failed} failed</span>}
      </summary>
      <ul aria-label="Commands the agent ran" className="command-list__items">
        {commands.map((command) => (
          <li key={command.callId} className={`command command--${command.outcome}`}>
            <span className={`command__outcome${commandFailed(command) ? ' command__outcome--failed' : ''}`}>{commandOutcomeLabel(command)}</span>
            {onShowStep ? (
              <button type="button" className="link-button mono command__text" onClick={() => onShowStep(command.callId)} title="Show this command in the conversation">
                {command.command}
              </button>
            ) : (
              <code className="command__text">{command.command}</code>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** "3 commands, 1 failed" for a task card. */
export function commandsSummary(commands: readonly AgentCommand[]): string {
  if (commands.length === 0) return 'no commands';
  const failed = commands.filter(commandFailed).length;
  const base = `${commands.length} command${commands.length === 1 ? '' : 's'}`;
  return failed > 0 ? `${base}, ${failed} failed` : base;
}
