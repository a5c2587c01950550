import { useState } from 'react';
import { useTasksStore } from '../tasks/tasks-store';
import { allowNotifications, openNotifiedTask } from './notifications-sync';
import { useNotificationsStore, useUnseenCount } from './notifications-store';
import type { AttentionKind } from './attention';
import './notifications.css';

const kindWords: Record<AttentionKind, string> = {
  done: 'finished',
  failed: 'failed',
  needs_approval: 'needs approval',
  needs_input: 'asks a question',
  plan_review: 'plan awaiting approval',
};

/**
 * The count of tasks that needed the user while off screen and were not opened since; opens a
 * list of them (newest first), each opening its task. In a browser that has not been asked
 * yet, offers to turn system notifications on (browsers allow asking only from a click).
 */
export function AttentionBadge() {
  const count = useUnseenCount();
  const unseen = useNotificationsStore((s) => s.unseen);
  const permission = useNotificationsStore((s) => s.permission);
  const tasks = useTasksStore((s) => s.byId);
  const [open, setOpen] = useState(false);
  const entries = Object.values(unseen).sort((a, b) => b.at - a.at);

  return (
    <div className="attention">
      <button
        type="button"
        className={count > 0 ? 'button button--small attention__count attention__count--some' : 'button button--small attention__count'}
        aria-label={`Needs you: ${count}`}
        aria-expanded={open}
        title={count > 0 ? 'Tasks that needed you while you were elsewhere' : 'Nothing waits for you'}
        onClick={() => setOpen((was) => !was)}
      >
        {count}
      </button>
      {open && (
        <div className="attention__list" role="region" aria-label="Tasks that need you">
          {entries.length === 0 ? (
            <p className="muted">Nothing waits for you.</p>
          ) : (
            <ul>
              {entries.map((entry) => (
                <li key={entry.taskId}>
                  <button
                    type="button"
                    className="attention__item"
                    onClick={() => {
                      setOpen(false);
                      openNotifiedTask(entry.taskId);
                    }}
                  >
                    <span>{tasks[entry.taskId]?.title ?? 'A removed task'}</span>
                    <span className={`badge badge--${entry.kind}`}>{kindWords[entry.kind]}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          {permission === 'default' && (
            <button type="button" className="button button--small" onClick={() => void allowNotifications()}>
              Turn on notifications
            </button>
          )}
          {permission === 'denied' && <p className="muted attention__note">Notifications are blocked for this page: allow them in the browser’s site settings.</p>}
          {permission === 'unsupported' && <p className="muted attention__note">This browser cannot show notifications.</p>}
        </div>
      )}
    </div>
  );
}
