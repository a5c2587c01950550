import type { BridgeHandle } from '../../bridge/bridge';
import { onReconnected } from '../../bridge/on-reconnected';
import { onSelectedTaskChanged, useSelectionStore } from '../selection/selection-store';
import { useTasksStore } from '../tasks/tasks-store';
import { useImplementStore } from './implement-store';

/** A summary reads the workspace's diff: while files change, at most this often. */
const summaryRefreshMs = 1000;

/**
 * Keeps what the selected task shows of implementation: a plan task's progress across its
 * implement tasks (`plans.progress`), an implement task's summary (`plans.implementSummary`).
 * Loaded when the task is selected; again on `plans.progressChanged` (a step marked, tasks
 * created), when an implement task's agent status or workspace changes (ready for review), when
 * its files change (`review.diffChanged`, throttled), and after a reconnect. An answer that
 * arrives after a newer change was announced is dropped (the newer load follows).
 */
export function syncImplement({ api, connection }: BridgeHandle): () => void {
  const changes = new Map<string, number>();
  const bump = (key: string) => changes.set(key, (changes.get(key) ?? 0) + 1);
  const store = () => useImplementStore.getState();
  const selected = () => useSelectionStore.getState().selectedTaskId;

  const loadProgress = async (planTaskId: string) => {
    const key = `progress:${planTaskId}`;
    const seen = changes.get(key) ?? 0;
    const result = await api.invoke('plans.progress', { taskId: planTaskId });
    if ((changes.get(key) ?? 0) !== seen) return;
    if (result.ok) store().putProgress(planTaskId, result.data);
    else store().setProgressError(planTaskId, result.error.message);
  };
  const loadSummary = async (taskId: string) => {
    const key = `summary:${taskId}`;
    const seen = changes.get(key) ?? 0;
    const result = await api.invoke('plans.implementSummary', { taskId });
    if ((changes.get(key) ?? 0) !== seen) return;
    if (result.ok) store().putSummary(taskId, result.data);
    else store().setSummaryError(taskId, result.error.message);
  };
  const progressChanged = (planTaskId: string) => {
    bump(`progress:${planTaskId}`);
    if (store().progress[planTaskId] || selected() === planTaskId) void loadProgress(planTaskId);
  };
  const summaryChanged = (taskId: string) => {
    bump(`summary:${taskId}`);
    if (store().summaries[taskId] || selected() === taskId) void loadSummary(taskId);
  };
  const throttled = new Map<string, ReturnType<typeof setTimeout>>();
  const summaryChangedSoon = (taskId: string) => {
    if (throttled.has(taskId) || !store().summaries[taskId]) return;
    throttled.set(
      taskId,
      setTimeout(() => {
        throttled.delete(taskId);
        summaryChanged(taskId);
      }, summaryRefreshMs),
    );
  };

  const loadSelected = () => {
    const taskId = selected();
    const task = taskId ? useTasksStore.getState().byId[taskId] : undefined;
    if (!task) return;
    if (task.role === 'plan') void loadProgress(task.id);
    if (task.planPin) void loadSummary(task.id);
  };

  /** What of an implement task its progress and summary depend on, besides its steps. */
  const lastSeen = new Map<string, string>();
  const unsubscribers = [
    api.on('plans.progressChanged', ({ planTaskId, taskIds }) => {
      progressChanged(planTaskId);
      taskIds.forEach(summaryChanged);
    }),
    api.on('tasks.changed', ({ task }) => {
      if (!task.planPin) return;
      const facts = `${task.agent.status}|${task.workspace.state}|${task.title}`;
      if (lastSeen.get(task.id) === facts) return;
      lastSeen.set(task.id, facts);
      progressChanged(task.planPin.planTaskId);
      summaryChanged(task.id);
    }),
    api.on('tasks.removed', ({ taskId }) => {
      lastSeen.delete(taskId);
      // A removed implement task leaves its plan's progress: reload the plans that listed it.
      for (const [planTaskId, loaded] of Object.entries(store().progress)) {
        if (loaded.data?.tasks.some((task) => task.taskId === taskId)) progressChanged(planTaskId);
      }
    }),
    api.on('review.diffChanged', ({ taskId }) => summaryChangedSoon(taskId)),
    onSelectedTaskChanged(() => loadSelected()),
    // The tasks arrive after the selection on a fresh page: load once the task is known.
    useTasksStore.subscribe((state, previous) => {
      const taskId = selected();
      if (taskId && state.byId[taskId] && !previous.byId[taskId]) loadSelected();
    }),
  ];
  if (connection.current() !== 'unauthorized') loadSelected();
  unsubscribers.push(onReconnected(connection, loadSelected));
  return () => {
    unsubscribers.forEach((off) => off());
    throttled.forEach((timer) => clearTimeout(timer));
  };
}
