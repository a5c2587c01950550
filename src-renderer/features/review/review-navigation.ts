import { useSelectionStore } from '../selection/selection-store';
import { useTimelineStore } from '../conversation/timeline-store';
import { useTasksStore, workspaceOwnerIdIn } from '../tasks/tasks-store';
import { useReviewStore } from './review-store';

/** "by agent, step N": opens the task's conversation at the tool call that made the change. */
export function showAgentStep(taskId: string, callId: string): void {
  const task = useTasksStore.getState().byId[taskId];
  if (!task) return;
  useTimelineStore.getState().revealCall(taskId, callId);
  useSelectionStore.getState().selectTask(task.projectId, taskId);
}

/**
 * Opens DiffLens on a task's workspace, optionally with one of its files focused: on its owner's
 * line (a review's or a subagent's task has none of its own).
 */
export function reviewTask(taskId: string, fileKey?: string): void {
  const { byId } = useTasksStore.getState();
  const task = byId[taskId];
  if (!task) return;
  const ownerId = workspaceOwnerIdIn(byId, taskId);
  if (fileKey !== undefined) useReviewStore.getState().focusFile(ownerId, fileKey);
  useSelectionStore.getState().openReview(task.projectId, ownerId);
}

/** Alt+R: DiffLens for the selected project, or back to where the user was. */
export function toggleReview(): boolean {
  const selection = useSelectionStore.getState();
  if (selection.reviewing) {
    selection.closeReview();
    return true;
  }
  if (selection.selectedProjectId === null) return false;
  selection.openReview(selection.selectedProjectId);
  return true;
}
