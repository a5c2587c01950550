import { useState, type FormEvent } from 'react';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { Modal } from '../../ui/Modal';
import { useHostAction } from '../../ui/use-host-action';
import { useSelectionStore } from '../selection/selection-store';
import { useProjectsStore } from './projects-store';
import { RepositoryPathField } from './RepositoryPathField';

/**
 * Adds a local repository: a native folder picker where the host has one (desktop), and a
 * path field with completion everywhere (the only way in web mode).
 */
export function AddProjectDialog({ canPickFolder, onClose }: { canPickFolder: boolean; onClose(): void }) {
  const api = useBridge();
  const selectProject = useSelectionStore((s) => s.selectProject);
  const [path, setPath] = useState('');
  const { pending, error, run, setError, clearError } = useHostAction();

  const add = async (candidate: string) => {
    const result = await run(() => api.invoke('projects.add', { path: candidate }));
    if (!result?.ok) return;
    useProjectsStore.getState().insertIfAbsent(result.data);
    selectProject(result.data.id);
    onClose();
  };

  // Not one of the runs: the picker waits on the user, and its answer starts `add`.
  const pickFolder = async () => {
    clearError();
    const result = await api.invoke('projects.pickFolder', {});
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    if (result.data.path === null) return; // cancelled
    setPath(result.data.path);
    await add(result.data.path);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = path.trim();
    if (trimmed === '') {
      setError('Type the path of a local git repository.');
      return;
    }
    void add(trimmed);
  };

  return (
    <Modal title="Add project" onClose={onClose}>
      {canPickFolder && (
        <div className="modal__section">
          <button type="button" className="button" onClick={pickFolder} disabled={pending} data-autofocus>
            Choose folder…
          </button>
          <p className="muted">or type its path:</p>
        </div>
      )}
      <form onSubmit={submit} className="form">
        <RepositoryPathField
          value={path}
          onChange={(next) => {
            setPath(next);
            clearError();
          }}
          autoFocus={!canPickFolder}
        />
        <InlineError message={error} />
        <div className="modal__actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={pending} aria-busy={pending}>
            Add
          </button>
        </div>
      </form>
    </Modal>
  );
}
