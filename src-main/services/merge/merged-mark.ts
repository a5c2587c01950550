import type { WorkspaceContext } from '../workspaces/context';

/**
 * A landed merge marks its workspace "merged" (the review offers archive, the radar leaves it
 * out). New work there ends that: when a task's agent starts running in a merged workspace,
 * the mark is cleared and the task announced again, so the radar takes the workspace back.
 */
export function clearMergedMarkOnNewWork(context: WorkspaceContext): () => void {
  return context.events.on('task.changed', ({ task }) => {
    if (task.workspace.merged && task.agent.status === 'running' && context.store.workspaces.setMerged(task.workspace.id, null)) {
      context.announce.taskChanged(task.id);
    }
  });
}
