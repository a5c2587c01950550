import { AddProjectDialog } from '../projects/AddProjectDialog';
import { NewPipelineDialog } from '../pipelines/NewPipelineDialog';
import { NewTaskDialog } from '../tasks/NewTaskDialog';
import { useAppStore } from './app-store';

/** At most one app-level dialog at a time, chosen by the app store. */
export function DialogHost() {
  const dialog = useAppStore((s) => s.dialog);
  const canPickFolder = useAppStore((s) => s.info?.canPickFolder ?? false);
  const closeDialog = useAppStore((s) => s.closeDialog);
  if (dialog?.kind === 'addProject') return <AddProjectDialog canPickFolder={canPickFolder} onClose={closeDialog} />;
  if (dialog?.kind === 'newTask') return <NewTaskDialog key={dialog.projectId} projectId={dialog.projectId} onClose={closeDialog} />;
  if (dialog?.kind === 'newPipeline') return <NewPipelineDialog key={dialog.projectId} projectId={dialog.projectId} onClose={closeDialog} />;
  return null;
}
