import { useState } from 'react';
import type { PlanVersion, Task } from '../../../src-shared/contract';
import { ImplementDialog } from './ImplementDialog';

/** "Implement…" on a plan task's approved latest version: opens the assignment editor. */
export function ImplementButton({ planTask, version }: { planTask: Task; version: PlanVersion }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button button--primary button--small" onClick={() => setOpen(true)}>
        {`Implement v${version.version}…`}
      </button>
      {open && <ImplementDialog planTask={planTask} version={version} onClose={() => setOpen(false)} />}
    </>
  );
}
