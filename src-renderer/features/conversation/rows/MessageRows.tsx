import { Markdown } from '../../../ui/markdown/Markdown';
import type { AssistantMessageItem, RetryItem, RetryNote, UserMessageItem } from '../timeline-items';

function retryText(retry: RetryNote): string {
  return `retrying: ${retry.message} in ${Math.max(1, Math.round(retry.delayMs / 1_000))}s`;
}

/** What the user wrote, as they wrote it (not Markdown: it is their own text). */
export function UserMessageRow({ item }: { item: UserMessageItem }) {
  return (
    <div className="msg msg--user">
      <p className="msg__who">You</p>
      <p className="msg__plain">{item.text}</p>
    </div>
  );
}

/** The agent's text as safe Markdown; a failed attempt's text is kept, dimmed, with why. */
export function AssistantMessageRow({ item }: { item: AssistantMessageItem }) {
  return (
    <div className={item.discarded ? 'msg msg--assistant msg--discarded' : 'msg msg--assistant'}>
      <Markdown source={item.text} />
      {item.discarded && <p className="msg__retry">Discarded, {retryText(item.discarded)}</p>}
    </div>
  );
}

export function RetryRow({ item }: { item: RetryItem }) {
  return <p className="timeline-note">{retryText(item.retry)}</p>;
}
