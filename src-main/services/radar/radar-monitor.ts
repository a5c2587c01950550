import { fail, ok, type Radar, type Result } from '../../../src-shared/contract';
import type { DomainEventBus } from '../events';
import type { Store } from '../store/store';
import { watchBranchRefs, type BranchRefWatcher } from './branch-ref-watcher';
import { ConflictRadar, type RadarResult } from './conflict-radar';

export interface RadarMonitorOptions {
  store: Store;
  now: () => number;
  /** Followed: a removed task leaves its project's radar, a removed project is forgotten. */
  events: DomainEventBus;
  /** A project's radar changed after a recomputation that nobody asked for directly. */
  onChange(projectId: string, radar: Radar): void;
  /** Quiet time after the last trigger before recomputing (default 750 ms). */
  debounceMs?: number;
  /** Git processes at once across the radar (default 2). */
  concurrency?: number;
  log?: (line: string) => void;
}

interface ProjectState {
  timer?: NodeJS.Timeout;
  running?: Promise<Result<Radar>>;
  /** Triggered again while a computation ran: run once more after it. */
  again: boolean;
  fingerprint?: string;
  refs?: Promise<BranchRefWatcher | null>;
}

/**
 * Keeps each project's conflict radar current at bounded cost: triggers (a workspace's files
 * changed, an agent turn ended, a merge landed, a branch moved in the repository) are
 * debounced per project, one computation per project runs at a time (a trigger during it
 * runs one more afterwards), and `ConflictRadar` recomputes only workspaces or bases that
 * moved. A changed answer is reported through `onChange`.
 */
export class RadarMonitor {
  private readonly radar: ConflictRadar;
  private readonly projects = new Map<string, ProjectState>();
  private closed = false;

  constructor(private readonly options: RadarMonitorOptions) {
    this.radar = new ConflictRadar({ concurrency: options.concurrency ?? 2 });
    options.events.on('task.removed', ({ projectId }) => this.schedule(projectId));
    options.events.on('project.removed', ({ projectId }) => this.forgetProject(projectId));
  }

  /** Git work actually done (cache misses), for tests and the benchmark. */
  get computed(): number {
    return this.radar.counters.computed;
  }

  /** The radar now (joins a computation already running). Starts watching the project's branches. */
  get(projectId: string): Promise<Result<Radar>> {
    const state = this.stateOf(projectId);
    if (!state) return Promise.resolve(fail('NOT_FOUND', 'That project is not open in Braid.'));
    return state.running ?? this.run(projectId, state);
  }

  /** Something in the project moved: recompute soon, and report if the answer changed. */
  schedule(projectId: string): void {
    const state = this.stateOf(projectId);
    if (!state || this.closed) return;
    clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      state.timer = undefined;
      if (state.running) state.again = true;
      else void this.run(projectId, state);
    }, this.options.debounceMs ?? 750);
  }

  forgetProject(projectId: string): void {
    const state = this.projects.get(projectId);
    if (!state) return;
    clearTimeout(state.timer);
    void state.refs?.then((watcher) => watcher?.close());
    this.projects.delete(projectId);
  }

  /** Stops timers and watchers and waits for a running computation. */
  async close(): Promise<void> {
    this.closed = true;
    const states = [...this.projects.values()];
    for (const state of states) clearTimeout(state.timer);
    await Promise.allSettled(states.map((state) => state.running));
    for (const state of states) (await state.refs)?.close();
    this.projects.clear();
  }

  private stateOf(projectId: string): ProjectState | undefined {
    const project = this.options.store.projects.get(projectId);
    if (!project) return undefined;
    let state = this.projects.get(projectId);
    if (!state) {
      state = { again: false };
      if (!this.closed) state.refs = watchBranchRefs(project.path, () => this.schedule(projectId)).catch(() => null);
      this.projects.set(projectId, state);
    }
    return state;
  }

  private run(projectId: string, state: ProjectState): Promise<Result<Radar>> {
    const running = this.compute(projectId).finally(() => {
      state.running = undefined;
      if (state.again && !this.closed) {
        state.again = false;
        void this.run(projectId, state);
      }
    });
    state.running = running;
    return running;
  }

  private async compute(projectId: string): Promise<Result<Radar>> {
    const { store } = this.options;
    const project = store.projects.get(projectId);
    if (!project) return fail('NOT_FOUND', 'That project is not open in Braid.');
    // Active: a worktree on disk that has not been merged yet. One task per workspace.
    const taskOfWorkspace = new Map<string, string>();
    for (const task of store.tasks.listByProject(projectId)) {
      const { workspace } = task;
      if (workspace.state === 'ready' && !workspace.merged && !taskOfWorkspace.has(workspace.id)) taskOfWorkspace.set(workspace.id, task.id);
    }
    const workspaces = [...taskOfWorkspace.keys()].flatMap((id) => {
      const row = store.workspaces.get(id);
      return row ? [{ id: row.id, path: row.path, branch: row.branch, baseBranch: row.baseBranch }] : [];
    });
    let result: RadarResult;
    try {
      result = await this.radar.computeRadar(project, workspaces);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.options.log?.(`[radar] ${project.name}: ${message}`);
      return fail('GIT_FAILED', `The conflict radar could not be computed: ${message}`);
    }
    const radar = toRadar(result, taskOfWorkspace, this.options.now());
    const fingerprint = JSON.stringify({ pairs: radar.pairs, tasks: radar.tasks });
    const current = this.projects.get(projectId);
    if (current && current.fingerprint !== fingerprint) {
      current.fingerprint = fingerprint;
      this.options.onChange(projectId, radar);
    }
    return ok(radar);
  }
}

function toRadar(result: RadarResult, taskOfWorkspace: Map<string, string>, computedAt: number): Radar {
  const taskId = (workspaceId: string) => taskOfWorkspace.get(workspaceId) ?? workspaceId;
  return {
    pairs: result.pairs.map((pair) => ({ a: taskId(pair.a), b: taskId(pair.b), files: pair.files })),
    tasks: result.workspaces.map((verdict) => ({
      taskId: taskId(verdict.id),
      clean: verdict.clean,
      conflicts: verdict.conflicts,
      baseCommit: verdict.baseCommit,
      ...(verdict.error === undefined ? {} : { error: verdict.error }),
    })),
    computedAt,
  };
}
