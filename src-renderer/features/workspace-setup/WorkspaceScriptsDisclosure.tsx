import { useState } from 'react';
import type { WorkspaceSetupConfig } from '../../../src-shared/contract';
import { WorkspaceScriptsView } from './WorkspaceScriptsView';
import './workspace-setup.css';

/** `Workspace scripts` folded in the task view: what the repository's config runs, its trust, how files are brought. */
export function WorkspaceScriptsDisclosure({ projectId, config, onChanged }: { projectId: string; config: WorkspaceSetupConfig; onChanged(config: WorkspaceSetupConfig): void }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="scripts-disclosure" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="scripts-disclosure__summary">Workspace scripts</summary>
      {open && <WorkspaceScriptsView projectId={projectId} config={config} onChanged={onChanged} />}
    </details>
  );
}
