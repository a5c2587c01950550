import { fail, isBusyStatus, ok, type EventName, type EventPayload, type Result, type Task } from '../../../src-shared/contract';
import { LiveDiffs, type LiveDiffsOptions } from '../diffs/live-diffs';
import type { DiffWorkspace, WorkspaceDiff } from '../diffs/diff-types';
import type { DomainEventBus } from '../events';
import type { RadarMonitor } from '../radar/radar-monitor';
import type { Store } from '../store/store';
import { taskNotFound } from '../workspaces/open-task-workspace';

export interface LiveReviewOptions {
  store: Store;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  radar: RadarMonitor;
  /** Followed: task changes and removals, workspaces Braid moved, agent turns ending. */
  events: DomainEventBus;
  /** Diff refreshes at once across all workspaces (default 2). */
  concurrency?: number;
  debounceMs?: number;
  log?: (line: string) => void;
  /** The diff computation; tests wrap the real one to count runs. */
  compute?: LiveDiffsOptions['compute'];
}

/** While the agent works (or waits for the user), its workspace's files are watched. */

/**
 * Keeps the review current while agents work. Watched: the workspace on screen and those
 * whose agent is active; the others are read fresh when asked for (watching every worktree
 * of a large repository would exhaust inotify). A change on disk recomputes the diff at once
 * for the visible task (pushed as `review.diffChanged`) and lazily for the rest, and asks the
 * radar to look again.
 */
export class LiveReview {
  private readonly diffs: LiveDiffs;
  private visibleTaskId: string | null = null;
  private readonly watched = new Set<string>();

  constructor(private readonly options: LiveReviewOptions) {
    const { store } = options;
    this.diffs = new LiveDiffs({
      concurrency: options.concurrency,
      debounceMs: options.debounceMs,
      compute: options.compute,
      workspace: (workspaceId) => diffWorkspaceOf(store, workspaceId),
      onChange: (workspaceId, diff) => this.publish(workspaceId, diff),
      // Same counts, maybe other contents: the task on screen re-reads its open file.
      onUnchanged: (workspaceId, diff) => {
        const visible = this.visibleTaskId === null ? undefined : store.tasks.get(this.visibleTaskId);
        if (visible?.workspace.id === workspaceId) options.emit('review.diffChanged', { taskId: visible.id, diff });
      },
      onDirty: (workspaceId) => this.radarOf(workspaceId),
      onError: (workspaceId, error) => options.log?.(`[review] diff of workspace ${workspaceId}: ${error.message}`),
    });
    options.events.on('task.changed', ({ task }) => this.taskChanged(task));
    options.events.on('task.removed', ({ taskId }) => this.taskRemoved(taskId));
    options.events.on('workspace.moved', ({ workspaceId }) => this.workspaceMoved(workspaceId));
    // The agent's last edits may not have been seen yet (and the radar looks again).
    options.events.on('agent.turnEnded', ({ workspaceId }) => this.workspaceMoved(workspaceId));
  }

  /** The task whose diff is on screen (null: none). Its diff is pushed now and whenever it changes. */
  async setVisible(taskId: string | null): Promise<Result<{ visible: string | null }>> {
    if (taskId === null) {
      const previous = this.visibleTaskId;
      this.visibleTaskId = null;
      this.diffs.setVisible([]);
      const task = previous ? this.options.store.tasks.get(previous) : undefined;
      if (task) this.releaseIfIdle(task);
      return ok({ visible: null });
    }
    const task = this.options.store.tasks.get(taskId);
    if (!task) return taskNotFound();
    const previous = this.visibleTaskId;
    this.visibleTaskId = taskId;
    const before = previous && previous !== taskId ? this.options.store.tasks.get(previous) : undefined;
    if (before) this.releaseIfIdle(before);
    // Still being made: remembered, and watched as soon as the worktree is ready (taskChanged).
    if (task.workspace.state === 'creating') return ok({ visible: taskId });
    if (task.workspace.state !== 'ready') return fail('WORKSPACE_NOT_READY', `The task's workspace is ${task.workspace.state}.`);
    const watching = await this.watch(task.workspace.id);
    if (!watching.ok) return watching;
    this.diffs.setVisible([task.workspace.id]);
    return ok({ visible: taskId });
  }

  /** A fresh diff (coalesced with any refresh of the same workspace already under way). */
  diff(workspaceId: string): Promise<Result<WorkspaceDiff>> {
    return this.diffs.refresh(workspaceId);
  }

  /** Follows the agent's state: watch while it works. */
  private taskChanged(task: Task): void {
    if (task.workspace.state === 'ready' && task.id === this.visibleTaskId && !this.watched.has(task.workspace.id)) {
      void this.watch(task.workspace.id).then((watching) => {
        if (watching.ok && this.visibleTaskId === task.id) this.diffs.setVisible([task.workspace.id]);
      });
    } else if (task.workspace.state === 'ready' && isBusyStatus(task.agent.status)) void this.watch(task.workspace.id);
    else if (task.workspace.state !== 'ready') this.unwatch(task.workspace.id);
    else this.releaseIfIdle(task);
  }

  private taskRemoved(taskId: string): void {
    if (this.visibleTaskId === taskId) this.visibleTaskId = null;
    // The workspace row may be gone already: drop watches whose workspace no longer exists.
    for (const workspaceId of [...this.watched]) if (!this.options.store.workspaces.get(workspaceId)) this.unwatch(workspaceId);
  }

  /**
   * Braid itself changed the workspace or its base (hunk action, commit, restore, merge, an
   * agent's turn ended). On screen its diff is refreshed now; off screen it waits, dirty,
   * until it is asked for or shown (every agent turn would otherwise cost a diff).
   */
  private workspaceMoved(workspaceId: string): void {
    if (this.watched.has(workspaceId)) this.diffs.markChanged(workspaceId);
    this.radarOf(workspaceId);
  }

  close(): Promise<void> {
    this.watched.clear();
    return this.diffs.close();
  }

  private async watch(workspaceId: string): Promise<Result<{ watching: true }>> {
    if (this.watched.has(workspaceId)) return ok({ watching: true });
    this.watched.add(workspaceId);
    const started = await this.diffs.watch(workspaceId);
    if (!started.ok) this.watched.delete(workspaceId);
    return started;
  }

  private unwatch(workspaceId: string): void {
    if (!this.watched.delete(workspaceId)) return;
    this.diffs.unwatch(workspaceId);
  }

  /** Stops watching a task's workspace unless it is on screen or some task's agent works in it. */
  private releaseIfIdle(task: Task): void {
    // Runs on every task event (usage updates while streaming): nothing to read unless watched.
    if (!this.watched.has(task.workspace.id)) return;
    const sharers = this.options.store.tasks.listByWorkspace(task.workspace.id);
    const needed = sharers.some((other) => other.id === this.visibleTaskId || isBusyStatus(other.agent.status));
    if (!needed) {
      // One last look, so the radar sees the agent's final state.
      this.radarOf(task.workspace.id);
      this.unwatch(task.workspace.id);
    }
  }

  private publish(workspaceId: string, diff: WorkspaceDiff): void {
    for (const task of this.options.store.tasks.listByWorkspace(workspaceId)) this.options.emit('review.diffChanged', { taskId: task.id, diff });
    this.radarOf(workspaceId);
  }

  private radarOf(workspaceId: string): void {
    const workspace = this.options.store.workspaces.get(workspaceId);
    if (workspace) this.options.radar.schedule(workspace.projectId);
  }
}

function diffWorkspaceOf(store: Store, workspaceId: string): DiffWorkspace | undefined {
  const row = store.workspaces.get(workspaceId);
  if (!row || row.state !== 'ready') return undefined;
  return { path: row.path, baseBranch: row.baseBranch, baseCommit: row.baseCommit };
}
