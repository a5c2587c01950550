import { useAppStore } from '../app/app-store';
import { useTimelineStore } from '../conversation/timeline-store';
import { useTasksStore } from '../tasks/tasks-store';
import { useReviewStore } from './review-store';

/** "by agent, step N": opens the task's conversation at the tool call that made the change. */
export function showAgentStep(taskId: string, callId: string): void {
  const task = useTasksStore.getState().byId[taskId];
  if (!task) return;
  useTimelineStore.getState().revealCall(taskId, callId);
  useAppStore.getState().selectTask(task.projectId, taskId);
}

/** Opens DiffLens on a task, optionally with one of its files focused. */
export function reviewTask(taskId: string, fileKey?: string): void {
  const task = useTasksStore.getState().byId[taskId];
  if (!task) return;
  if (fileKey !== undefined) useReviewStore.getState().focusFile(taskId, fileKey);
  useAppStore.getState().openReview(task.projectId, taskId);
}

/** Alt+R: DiffLens for the selected project, or back to where the user was. */
export function toggleReview(): boolean {
  const app = useAppStore.getState();
  if (app.dialog !== null || document.querySelector('dialog[open]')) return false;
  if (app.reviewing) {
    app.closeReview();
    return true;
  }
  if (app.selectedProjectId === null) return false;
  app.openReview(app.selectedProjectId);
  return true;
}
