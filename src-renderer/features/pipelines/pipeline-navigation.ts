import { usePlansStore } from '../plans/plans-store';
import { reviewTask } from '../review/review-navigation';
import { useSelectionStore } from '../selection/selection-store';

/** Where the pipeline view's links go: a stage's task, a plan version, findings in DiffLens. */
export const openTask = (projectId: string, taskId: string) => useSelectionStore.getState().selectTask(projectId, taskId);

/** The plan task, its Plan panel open on `version`. */
export function openPlanVersion(projectId: string, planTaskId: string, version: number): void {
  usePlansStore.getState().openPanel(planTaskId, 'view', version);
  useSelectionStore.getState().selectTask(projectId, planTaskId);
}

/** DiffLens on the reviewed task: its findings at their lines and in the review notes (at `path`, when given). */
export function openFindings(reviewedTaskId: string, path?: string): void {
  reviewTask(reviewedTaskId, path);
}
