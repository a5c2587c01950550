import { plainTerminalText } from '../../../src-shared/terminal/plain-terminal-text';
import type { ScriptRunItem } from '../conversation/timeline-items';
import { useTaskTerminals, useTerminalsStore } from '../terminals/terminals-store';
import { scriptWords } from './setup-text';

/**
 * A workspace script in the conversation: the commands that ran (exactly), the terminal tab it
 * runs in (Show terminal, while the tab is open), how it ended and the end of its output, which
 * stays here after the terminal is closed.
 */
export function ScriptRunCard({ item, taskId }: { item: ScriptRunItem; taskId: string }) {
  const terminals = useTaskTerminals(taskId);
  const name = `${scriptWords[item.script]} script`;
  const state = item.ended === null ? 'running' : item.ended.outcome;
  const ending =
    item.ended === null
      ? 'running'
      : item.ended.outcome === 'succeeded'
        ? 'done'
        : item.ended.outcome === 'stopped'
          ? 'stopped'
          : `failed${item.ended.exitCode === null ? '' : ` (exit code ${item.ended.exitCode})`}`;
  const terminal = item.terminalId === null ? undefined : terminals.find((candidate) => candidate.id === item.terminalId);
  const log = plainTerminalText(item.outputTail).trimEnd();
  return (
    <article className={`tool-card script-card script-card--${state}`} aria-label={name}>
      <header className="tool-card__header">
        <span className="tool-card__status">{ending}</span>
        <span className="tool-card__name">{name}</span>
        {terminal && (
          <button type="button" className="button button--small" onClick={() => useTerminalsStore.getState().showTab(taskId, { terminalId: terminal.id })}>
            Show terminal {terminal.title}
          </button>
        )}
      </header>
      <pre className="tool-card__pre script-card__commands mono" aria-label={`Commands of the ${name.toLowerCase()}`}>
        {item.commands.join('\n')}
      </pre>
      {item.ended === null && terminal && <p className="muted">It runs in the terminal “{terminal.title}”.</p>}
      {log !== '' && (
        <pre className="tool-card__pre tool-card__output selectable" aria-label={`Output of the ${name.toLowerCase()}`}>
          {item.outputClipped ? '… (earlier output not shown)\n' : ''}
          {log}
        </pre>
      )}
    </article>
  );
}
