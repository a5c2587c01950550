import { useState } from 'react';
import { AuditLog } from './AuditLog';
import type { AuditScope } from './use-audit-entries';

/**
 * An audit trail folded under a disclosure (the task view: the task's; the project overview:
 * the whole project's, deleted tasks included); it loads only while open.
 */
export function AuditDisclosure({ projectId, scope, summary = 'Audit trail' }: { projectId: string; scope: AuditScope; summary?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="audit-disclosure" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="audit-disclosure__summary">{summary}</summary>
      {open && <AuditLog projectId={projectId} scope={scope} heading={false} />}
    </details>
  );
}
