import { useState } from 'react';
import type { Task } from '../../../src-shared/contract';
import { AuditLog } from './AuditLog';

/** The task's audit trail folded under a disclosure `Audit trail` in the task view; it loads only while open. */
export function TaskAuditDisclosure({ task }: { task: Task }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="task-audit" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="task-audit__summary">Audit trail</summary>
      {open && <AuditLog projectId={task.projectId} scope={{ taskId: task.id }} heading={false} />}
    </details>
  );
}
