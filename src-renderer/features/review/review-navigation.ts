import { useSelectionStore } from '../selection/selection-store';
import { useTimelineStore } from '../conversation/timeline-store';
import { useTasksStore } from '../tasks/tasks-store';
import { useReviewStore } from './review-store';

/** "by agent, step N": opens the task's conversation at the tool call that made the change. */
export function showAgentStep(taskId: string, callId: string): void {
  const task = useTasksStore.getState().byId[taskId];
  if (!task) return;
  useTimelineStore.getState().revealCall(taskId, callId);
  useSelectionStore.getState().selectTask(task.projectId, taskId);
}

/** Opens DiffLens on a task, optionally with one of its files focused. */
export function reviewTask(taskId: string, fileKey?: string): void {
  const task = useTasksStore.getState().byId[taskId];
  if (!task) return;
  if (fileKey !== undefined) useReviewStore.getState().focusFile(taskId, fileKey);
  useSelectionStore.getState().openReview(task.projectId, taskId);
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
