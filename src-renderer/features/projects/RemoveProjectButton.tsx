import { useState } from 'react';
import type { Project } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { useHostAction } from '../../ui/use-host-action';

/** Forgets a project in Braid; the repository on disk stays as it is. */
export function RemoveProjectButton({ project }: { project: Project }) {
  const api = useBridge();
  const [confirming, setConfirming] = useState(false);
  const { pending, error, run } = useHostAction();

  const remove = async () => {
    // On success `projects.changed` drops the project and this button with it.
    const result = await run(() => api.invoke('projects.remove', { projectId: project.id }));
    if (result?.ok) setConfirming(false);
  };

  return (
    <>
      <button type="button" className="button button--danger-quiet" onClick={() => setConfirming(true)}>
        Remove project
      </button>
      {confirming && (
        <ConfirmDialog
          title={`Remove ${project.name}?`}
          confirmLabel="Remove"
          onConfirm={remove}
          onCancel={() => setConfirming(false)}
          pending={pending}
          error={error}
        >
          <p>Braid forgets this project. The repository at {project.path} is not touched.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
