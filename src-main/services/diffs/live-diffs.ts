import { fail, ok, type AppError, type Result } from '../../../src-shared/contract';
import { DiffScheduler } from './diff-scheduler';
import type { DiffWorkspace, WorkspaceDiff } from './diff-types';
import { watchWorkspace, type WorkspaceWatcher } from './diff-watcher';
import { workspaceDiff } from './workspace-diff';

export interface LiveDiffsOptions {
  /** The workspace behind an id (e.g. the store's `workspaces.get`); undefined when gone. */
  workspace(workspaceId: string): DiffWorkspace | undefined;
  /** A workspace's file list changed (also the first time it is computed). */
  onChange(workspaceId: string, diff: WorkspaceDiff): void;
  /**
   * A refresh after a change on disk found the same file list (an edit that kept the +/-
   * counts): the files' contents may still have changed.
   */
  onUnchanged?(workspaceId: string, diff: WorkspaceDiff): void;
  /** Files of a watched workspace changed on disk (before any refresh; visible or not). */
  onDirty?(workspaceId: string): void;
  /** A refresh failed with an expected error (e.g. the folder is gone). */
  onError?(workspaceId: string, error: AppError): void;
  /** Diffs computed at once across all workspaces (default 2). */
  concurrency?: number;
  debounceMs?: number;
  maxWaitMs?: number;
  /** The computation; tests wrap the real one to count or hold runs. */
  compute?(workspace: DiffWorkspace): Promise<Result<WorkspaceDiff>>;
}

/**
 * Keeps the diffs of watched workspaces current while agents work: a debounced watcher per
 * workspace marks it dirty, and the scheduler refreshes visible workspaces at once and the
 * others when they are asked for or come on screen. `onChange` fires only when the file
 * list actually differs from the last one reported.
 */
export class LiveDiffs {
  private readonly scheduler: DiffScheduler<Result<WorkspaceDiff>>;
  private readonly watchers = new Map<string, Promise<WorkspaceWatcher | null>>();
  private readonly latestDiffs = new Map<string, { diff: WorkspaceDiff; fingerprint: string }>();
  private closed = false;

  constructor(private readonly options: LiveDiffsOptions) {
    const compute = options.compute ?? ((workspace: DiffWorkspace) => workspaceDiff(workspace));
    this.scheduler = new DiffScheduler({
      concurrency: options.concurrency,
      run: async (workspaceId) => {
        const workspace = options.workspace(workspaceId);
        if (!workspace) return fail('NOT_FOUND', `No workspace ${workspaceId}`);
        return compute(workspace);
      },
      onResult: (workspaceId, result) => this.record(workspaceId, result),
      onError: (workspaceId, error) =>
        options.onError?.(workspaceId, { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) }),
    });
  }

  /** Starts watching a workspace; it is dirty until its first refresh. */
  async watch(workspaceId: string): Promise<Result<{ watching: true }>> {
    if (this.closed) return fail('BUSY', 'Live diffs are shutting down');
    const workspace = this.options.workspace(workspaceId);
    if (!workspace) return fail('NOT_FOUND', `No workspace ${workspaceId}`);
    if (!this.watchers.has(workspaceId)) {
      const started = watchWorkspace({
        path: workspace.path,
        debounceMs: this.options.debounceMs,
        maxWaitMs: this.options.maxWaitMs,
        onDirty: () => {
          // A batch examined while closing reports nothing: the store behind `onDirty` may be closed.
          if (this.closed) return;
          this.scheduler.markDirty(workspaceId);
          this.options.onDirty?.(workspaceId);
        },
      });
      const pending = started.then((result) => (result.ok ? result.data : null));
      this.watchers.set(workspaceId, pending);
      const result = await started;
      const stillWanted = !this.closed && this.watchers.get(workspaceId) === pending;
      if (!result.ok) {
        if (stillWanted) this.watchers.delete(workspaceId);
        return result;
      }
      if (!stillWanted) result.data.close();
    }
    this.scheduler.markDirty(workspaceId);
    return ok({ watching: true });
  }

  /** Stops watching and forgets the workspace's last diff. */
  unwatch(workspaceId: string): void {
    const watcher = this.watchers.get(workspaceId);
    this.watchers.delete(workspaceId);
    void watcher?.then((started) => started?.close());
    this.scheduler.forget(workspaceId);
    this.latestDiffs.delete(workspaceId);
  }

  /** The workspaces on screen: these refresh as soon as they change. */
  setVisible(workspaceIds: Iterable<string>): void {
    this.scheduler.setVisible(workspaceIds);
  }

  /**
   * Braid itself changed a watched workspace: refreshed at once when on screen, else marked
   * dirty and read when asked for or shown, like a change seen on disk.
   */
  markChanged(workspaceId: string): void {
    if (this.watchers.has(workspaceId)) this.scheduler.markDirty(workspaceId);
  }

  /** A fresh diff now (coalesced with any refresh already queued or running). */
  async refresh(workspaceId: string): Promise<Result<WorkspaceDiff>> {
    const result = await this.scheduler.request(workspaceId);
    return result ?? fail('BUSY', 'Live diffs are shutting down');
  }

  /** The last diff computed, without running git; undefined before the first refresh. */
  latest(workspaceId: string): WorkspaceDiff | undefined {
    return this.latestDiffs.get(workspaceId)?.diff;
  }

  /** True when the workspace changed on disk since its last refresh. */
  isDirty(workspaceId: string): boolean {
    return this.scheduler.isDirty(workspaceId);
  }

  /** Closes every watcher and waits for running git processes. */
  async close(): Promise<void> {
    this.closed = true;
    const watchers = [...this.watchers.values()];
    this.watchers.clear();
    for (const watcher of await Promise.all(watchers)) watcher?.close();
    await this.scheduler.close();
  }

  private record(workspaceId: string, result: Result<WorkspaceDiff>): void {
    if (!result.ok) {
      this.options.onError?.(workspaceId, result.error);
      return;
    }
    // A refresh of a workspace nobody watches (or that was just unwatched) is only returned.
    if (!this.watchers.has(workspaceId)) return;
    const fingerprint = JSON.stringify(result.data);
    if (this.latestDiffs.get(workspaceId)?.fingerprint === fingerprint) {
      this.options.onUnchanged?.(workspaceId, result.data);
      return;
    }
    this.latestDiffs.set(workspaceId, { diff: result.data, fingerprint });
    this.options.onChange(workspaceId, result.data);
  }
}
