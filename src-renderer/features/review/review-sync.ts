import type { Task } from '../../../src-shared/contract';
import type { Bridge, BridgeHandle } from '../../bridge/bridge';
import { onReconnected } from '../../bridge/on-reconnected';
import { onSelectedTaskChanged, useSelectionStore } from '../selection/selection-store';
import { useReviewStore } from './review-store';

/** Agent activity changes commands and counts; the overview follows at most this often. */
const overviewRefreshMs = 1_000;

/**
 * Keeps DiffLens in step with the host. The selected task is the one "on screen" (its file
 * list shows in the task view's side panel and in DiffLens), so it is the one
 * `review.setVisible` names: the host pushes its `review.diffChanged` as files change.
 * Overviews are loaded when a view asks and refreshed while agents work.
 */
export class ReviewSync {
  private visible: string | null = null;
  /** Whether the host took `visible` (it refuses while the workspace is not ready). */
  private visibleAccepted = false;
  private readonly overviewTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Projects whose overview someone is looking at. */
  private readonly watchedProjects = new Map<string, number>();

  constructor(private readonly api: Bridge) {}

  show(taskId: string | null): void {
    if (this.visible === taskId) return;
    this.visible = taskId;
    this.visibleAccepted = false;
    void this.tellHost(taskId);
    if (taskId !== null) this.loadTask(taskId);
  }

  private async tellHost(taskId: string | null): Promise<void> {
    const result = await this.api.invoke('review.setVisible', { taskId });
    if (this.visible === taskId) this.visibleAccepted = result.ok;
  }

  /** Loads (again) a task's file list and comments. */
  loadTask(taskId: string): void {
    void this.loadDiff(taskId);
    void this.loadComments(taskId);
  }

  async loadDiff(taskId: string): Promise<void> {
    const store = useReviewStore.getState();
    store.diffLoading(taskId);
    const result = await this.api.invoke('review.diff', { taskId });
    if (result.ok) useReviewStore.getState().applyDiff(taskId, result.data);
    else useReviewStore.getState().diffFailed(taskId, result.error.message);
  }

  async loadComments(taskId: string): Promise<void> {
    const result = await this.api.invoke('review.comments', { taskId });
    if (result.ok) useReviewStore.getState().setComments(taskId, result.data);
    else useReviewStore.getState().commentsFailed(taskId, result.error.message);
  }

  async loadOverview(projectId: string): Promise<void> {
    useReviewStore.getState().overviewLoading(projectId);
    const result = await this.api.invoke('review.overview', { projectId });
    if (result.ok) useReviewStore.getState().overviewLoaded(projectId, result.data);
    else useReviewStore.getState().overviewFailed(projectId, result.error.message);
  }

  /** A view shows this project's overview: load it now and keep it fresh until released. */
  watchOverview(projectId: string): () => void {
    this.watchedProjects.set(projectId, (this.watchedProjects.get(projectId) ?? 0) + 1);
    void this.loadOverview(projectId);
    return () => {
      const count = (this.watchedProjects.get(projectId) ?? 1) - 1;
      if (count > 0) this.watchedProjects.set(projectId, count);
      else this.watchedProjects.delete(projectId);
    };
  }

  /** Something about a task moved (agent status, workspace state): its overview line may have too. */
  taskChanged(task: Task): void {
    const { projectId, id: taskId } = task;
    if (this.watchedProjects.has(projectId) && !this.overviewTimers.has(projectId)) {
      this.overviewTimers.set(
        projectId,
        setTimeout(() => {
          this.overviewTimers.delete(projectId);
          if (this.watchedProjects.has(projectId)) void this.loadOverview(projectId);
        }, overviewRefreshMs),
      );
    }
    if (taskId !== this.visible || task.workspace.state !== 'ready') return;
    // The workspace became ready (or came back): the host takes the task now, and a failed
    // load can succeed. Without this the list would not follow the agent's first writes.
    if (!this.visibleAccepted) {
      this.visibleAccepted = true;
      void this.tellHost(taskId);
      this.loadTask(taskId);
      return;
    }
    const diff = useReviewStore.getState().diffs[taskId];
    if (diff?.error && !diff.loading) this.loadTask(taskId);
  }

  reconnected(): void {
    const visible = this.visible;
    this.visible = null;
    this.show(visible);
    for (const projectId of this.watchedProjects.keys()) void this.loadOverview(projectId);
  }

  dispose(): void {
    for (const timer of this.overviewTimers.values()) clearTimeout(timer);
    this.overviewTimers.clear();
  }
}

let active: ReviewSync | null = null;

/** The running sync, for views that load overviews or reload a task after an action. */
export const reviewSync = (): ReviewSync | null => active;

/** Wires DiffLens to the host: the selected task's visibility, diff and comment events, reconnects. */
export function syncReview({ api, connection }: BridgeHandle): () => void {
  const sync = new ReviewSync(api);
  active = sync;
  sync.show(useSelectionStore.getState().selectedTaskId);
  const unsubscribers = [
    onSelectedTaskChanged((taskId) => sync.show(taskId)),
    api.on('review.diffChanged', ({ taskId, diff }) => useReviewStore.getState().applyDiff(taskId, diff)),
    api.on('review.commentsChanged', ({ taskId, comments }) => useReviewStore.getState().setComments(taskId, comments)),
    api.on('tasks.changed', ({ task }) => sync.taskChanged(task)),
    api.on('tasks.removed', ({ taskId }) => useReviewStore.getState().forgetTask(taskId)),
    onReconnected(connection, () => sync.reconnected()),
  ];
  return () => {
    unsubscribers.forEach((off) => off());
    sync.dispose();
    if (active === sync) active = null;
  };
}

