import type { BridgeHandle } from '../../bridge/bridge';
import { onReconnected } from '../../bridge/on-reconnected';
import { onSelectedTaskChanged, useSelectionStore } from '../selection/selection-store';
import { useTasksStore } from '../tasks/tasks-store';
import { reviewedTaskIdOf, useReviewsStore } from './reviews-store';

export interface ReviewsSync {
  /** Loads (again) the overview of the work `taskId` is about. */
  load(taskId: string): void;
  /** Every loaded overview again (the project's review gate changed, say). */
  reloadAll(): void;
}

let active: ReviewsSync | null = null;

/** The running sync, for views that changed something the overviews show. */
export const reviewsSync = (): ReviewsSync | null => active;

/**
 * Keeps the reviews the UI shows in step with the host: the overview of the selected task's
 * work (`reviews.overview`: reports, findings, the review gate), loaded on selection, again on
 * `reviews.changed`, when one of its review tasks changes (its status) or goes, and after a
 * reconnect. An answer that arrives after a newer change was announced is dropped.
 */
export function syncReviews({ api, connection }: BridgeHandle): () => void {
  const changes = new Map<string, number>();
  const store = () => useReviewsStore.getState();

  const load = async (reviewedTaskId: string) => {
    const seen = (changes.get(reviewedTaskId) ?? 0) + 1;
    changes.set(reviewedTaskId, seen);
    const result = await api.invoke('reviews.overview', { taskId: reviewedTaskId });
    if (changes.get(reviewedTaskId) !== seen) return;
    if (result.ok) store().put(reviewedTaskId, result.data);
    else if (result.error.code === 'NOT_FOUND') store().forget(reviewedTaskId);
    else store().fail(reviewedTaskId, result.error.message);
  };
  const reloadIfShown = (reviewedTaskId: string) => {
    const selected = reviewedTaskIdOf(useSelectionStore.getState().selectedTaskId);
    if (store().overviews[reviewedTaskId] || selected === reviewedTaskId) void load(reviewedTaskId);
  };
  const loadSelected = () => {
    const taskId = useSelectionStore.getState().selectedTaskId;
    const task = taskId ? useTasksStore.getState().byId[taskId] : undefined;
    if (task && task.role !== 'plan') void load(reviewedTaskIdOf(task.id) ?? task.id);
  };

  active = {
    load: (taskId) => {
      const reviewed = reviewedTaskIdOf(taskId);
      if (reviewed) void load(reviewed);
    },
    reloadAll: () => Object.keys(store().overviews).forEach((id) => void load(id)),
  };
  const lastSeen = new Map<string, string>();
  const unsubscribers = [
    api.on('reviews.changed', ({ reviewedTaskId }) => reloadIfShown(reviewedTaskId)),
    api.on('tasks.changed', ({ task }) => {
      if (task.reviewedTaskId === null) return;
      // A review task started, ran or ended: the overview lists it with its status.
      const facts = `${task.agent.status}|${task.agent.statusReason}`;
      if (lastSeen.get(task.id) === facts) return;
      lastSeen.set(task.id, facts);
      reloadIfShown(task.reviewedTaskId);
    }),
    api.on('tasks.removed', ({ taskId }) => {
      lastSeen.delete(taskId);
      store().forget(taskId);
      for (const [reviewedTaskId, loaded] of Object.entries(store().overviews)) {
        if (loaded.data?.reviewTasks.some((review) => review.id === taskId)) void load(reviewedTaskId);
      }
    }),
    onSelectedTaskChanged(() => loadSelected()),
    // The tasks arrive after the selection on a fresh page: load once the task is known.
    useTasksStore.subscribe((state, previous) => {
      const taskId = useSelectionStore.getState().selectedTaskId;
      if (taskId && state.byId[taskId] && !previous.byId[taskId]) loadSelected();
    }),
  ];
  if (connection.current() !== 'unauthorized') loadSelected();
  unsubscribers.push(onReconnected(connection, () => active?.reloadAll()));
  const self = active;
  return () => {
    unsubscribers.forEach((off) => off());
    if (active === self) active = null;
  };
}
