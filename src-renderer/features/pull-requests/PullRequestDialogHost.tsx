import type { Task } from '../../../src-shared/contract';
import { PullRequestDialog } from './PullRequestDialog';
import { usePullRequestStore } from './pull-request-store';
import './pull-requests.css';

/**
 * Where the task's pull request dialog opens (the task view, DiffLens's task pane): nothing on
 * screen until "Open pull request instead…" (merge dialog) or the palette asks for it.
 */
export function PullRequestDialogHost({ task }: { task: Task }) {
  const open = usePullRequestStore((s) => s.dialogTaskId === task.id);
  return open ? <PullRequestDialog task={task} onClose={() => usePullRequestStore.getState().closeDialog()} /> : null;
}
