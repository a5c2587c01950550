import { plainTerminalText } from '../../../src-shared/terminal/plain-terminal-text';
import type { ScriptRunItem } from '../conversation/timeline-items';
import { scriptWords } from './setup-text';

/**
 * A workspace script in the conversation: the commands that ran (exactly), its log as it
 * streams (plain text: a terminal view replaces this once terminals land), and how it ended.
 */
export function ScriptRunCard({ item }: { item: ScriptRunItem }) {
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
  const log = plainTerminalText(item.outputTail).trimEnd();
  return (
    <article className={`tool-card script-card script-card--${state}`} aria-label={name}>
      <header className="tool-card__header">
        <span className="tool-card__status">{ending}</span>
        <span className="tool-card__name">{name}</span>
      </header>
      <pre className="tool-card__pre script-card__commands mono" aria-label={`Commands of the ${name.toLowerCase()}`}>
        {item.commands.join('\n')}
      </pre>
      {log !== '' && (
        <pre className="tool-card__pre tool-card__output selectable" aria-label={`Output of the ${name.toLowerCase()}`}>
          {item.outputClipped ? '… (earlier output not shown)\n' : ''}
          {log}
        </pre>
      )}
    </article>
  );
}
