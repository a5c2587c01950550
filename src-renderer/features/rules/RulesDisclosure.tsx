import { useState } from 'react';
import type { TaskStatus } from '../../../src-shared/contract';
import { TaskRulesPanel } from './TaskRulesPanel';
import './rules.css';

/** The task view's "Rules" disclosure: what the task was given and what its worktree holds; loaded only while open. */
export function RulesDisclosure({ taskId, status }: { taskId: string; status: TaskStatus }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="rules-disclosure" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="rules-disclosure__summary">Rules</summary>
      {open && <TaskRulesPanel taskId={taskId} status={status} />}
    </details>
  );
}
