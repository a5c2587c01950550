import { useState } from 'react';
import type { Task } from '../../../src-shared/contract';
import { HistoryPanel } from './HistoryPanel';
import './history.css';

/**
 * The history panel folded under a disclosure `History and checkpoints`, for the task view,
 * where the conversation keeps most of the height. It loads only while open.
 */
export function TaskHistoryDisclosure({ task }: { task: Task }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="task-history" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="task-history__summary">History and checkpoints</summary>
      {open && <HistoryPanel task={task} />}
    </details>
  );
}
