import { useAnnouncement } from './timeline-store';

/** How much of a finished message is read out; the rest is in the log. */
const spokenChars = 300;

/**
 * A polite live region that says each finished assistant message once. The conversation log
 * itself is not live: it changes with every streamed token and every scroll.
 */
export function ConversationAnnouncer({ taskId }: { taskId: string }) {
  const announcement = useAnnouncement(taskId);
  const text = announcement?.text ?? '';
  return (
    <div className="visually-hidden" aria-live="polite" aria-atomic="true">
      {announcement && <p key={announcement.id}>Agent: {text.length > spokenChars ? `${text.slice(0, spokenChars)}…` : text}</p>}
    </div>
  );
}
