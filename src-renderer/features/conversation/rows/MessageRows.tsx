import { Markdown } from '../../../ui/markdown/Markdown';
import type { AssistantMessageItem, RetryItem, RetryNote, UserMessageItem } from '../timeline-items';
import { Disclosure } from './Disclosure';

function retryText(retry: RetryNote): string {
  return `retrying: ${retry.message} in ${Math.max(1, Math.round(retry.delayMs / 1_000))}s`;
}

/**
 * What the user wrote, as they wrote it (not Markdown: it is their own text). A slash command
 * shows as typed, with the prompt it expanded to folded below and what it brought to its turn.
 */
export function UserMessageRow({ item }: { item: UserMessageItem }) {
  const { command } = item;
  if (!command) {
    return (
      <div className="msg msg--user">
        <p className="msg__who">You</p>
        <p className="msg__plain">{item.text}</p>
      </div>
    );
  }
  const typed = `/${command.name}${command.arguments ? ` ${command.arguments}` : ''}`;
  return (
    <div className="msg msg--user" role="article" aria-label={`Command ${typed}`}>
      <p className="msg__who">You ran</p>
      <p className="msg__plain mono">{typed}</p>
      <p className="msg__command-facts">
        {[
          command.origin && `from ${command.origin}`,
          command.allowedTools.length > 0 && `pre-approved for this turn: ${command.allowedTools.join(', ')}`,
          command.model && `model ${command.model}`,
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <Disclosure summary="Expanded prompt" className="msg__expanded">
        {() => <pre className="msg__plain selectable">{item.text}</pre>}
      </Disclosure>
    </div>
  );
}

const incompleteText = {
  interrupted: 'Incomplete (interrupted): Braid stopped before the model finished this answer. The model does not see it; resuming asks the model again.',
  stopped: 'Incomplete (stopped): you stopped this answer before the model finished it. The model does not see it.',
} as const;

/** The agent's text as safe Markdown; a failed attempt's or a cut answer's text is kept, dimmed, with why. */
export function AssistantMessageRow({ item }: { item: AssistantMessageItem }) {
  const dimmed = item.discarded !== null || item.incomplete !== null;
  return (
    <div className={dimmed ? 'msg msg--assistant msg--discarded' : 'msg msg--assistant'}>
      <Markdown source={item.text} />
      {item.discarded && <p className="msg__retry">Discarded, {retryText(item.discarded)}</p>}
      {item.incomplete && <p className="msg__retry">{incompleteText[item.incomplete]}</p>}
    </div>
  );
}

export function RetryRow({ item }: { item: RetryItem }) {
  return <p className="timeline-note">{retryText(item.retry)}</p>;
}
