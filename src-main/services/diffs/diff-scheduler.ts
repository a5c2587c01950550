/**
 * Runs diff computations under a small global concurrency limit (git competes with the
 * agents for a few cores), coalescing repeated requests per workspace: a request while
 * one is queued joins it; a request while one is running queues exactly one more run after
 * it (the running one may have read the tree before the latest change).
 *
 * Workspaces on screen refresh as soon as they are marked dirty; the others only remember
 * that they are dirty and refresh when asked or when they become visible.
 */
export interface DiffSchedulerOptions<T> {
  run(workspaceId: string): Promise<T>;
  /** Git processes at once across all workspaces (default 2). */
  concurrency?: number;
  /** Every finished run, whoever asked for it. */
  onResult?(workspaceId: string, result: T): void;
  /** A run threw (a bug: expected failures are values). */
  onError?(workspaceId: string, error: unknown): void;
}

interface Waiting<T> {
  promise: Promise<T | null>;
  resolve(value: T | null): void;
  reject(error: unknown): void;
}

interface WorkspaceState<T> {
  running: boolean;
  dirty: boolean;
  /** The next run, not started yet; every request meanwhile shares it. */
  next: Waiting<T> | null;
}

export class DiffScheduler<T> {
  private readonly states = new Map<string, WorkspaceState<T>>();
  /** Workspaces with a `next` run, in request order. */
  private readonly queue: string[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();
  private visible = new Set<string>();
  private active = 0;
  private closed = false;
  private readonly concurrency: number;

  constructor(private readonly options: DiffSchedulerOptions<T>) {
    this.concurrency = Math.max(1, options.concurrency ?? 2);
  }

  /** Runs soon; resolves with that run's result, or null when the scheduler closed first. */
  request(workspaceId: string): Promise<T | null> {
    if (this.closed) return Promise.resolve(null);
    const state = this.stateOf(workspaceId);
    state.dirty = false;
    if (state.next) return state.next.promise;
    const next = waiting<T>();
    state.next = next;
    this.queue.push(workspaceId);
    this.pump();
    return next.promise;
  }

  /** Something changed on disk: refresh now if visible, else remember for later. */
  markDirty(workspaceId: string): void {
    if (this.closed) return;
    if (this.visible.has(workspaceId)) this.requestInBackground(workspaceId);
    else this.stateOf(workspaceId).dirty = true;
  }

  /** The workspaces on screen; those among them that went dirty meanwhile refresh now. */
  setVisible(workspaceIds: Iterable<string>): void {
    this.visible = new Set(workspaceIds);
    for (const id of this.visible) if (this.states.get(id)?.dirty) this.requestInBackground(id);
  }

  isDirty(workspaceId: string): boolean {
    return this.states.get(workspaceId)?.dirty ?? false;
  }

  isVisible(workspaceId: string): boolean {
    return this.visible.has(workspaceId);
  }

  /** Drops a workspace's dirty mark and any run not started yet (which resolves with null). */
  forget(workspaceId: string): void {
    const state = this.states.get(workspaceId);
    if (!state) return;
    state.next?.resolve(null);
    state.next = null;
    const index = this.queue.indexOf(workspaceId);
    if (index !== -1) this.queue.splice(index, 1);
    if (!state.running) this.states.delete(workspaceId);
  }

  /** Cancels queued runs (they resolve with null) and waits for the running ones. */
  async close(): Promise<void> {
    this.closed = true;
    for (const id of [...this.queue]) this.forget(id);
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Runs in progress right now, for tests and diagnostics. */
  get running(): number {
    return this.active;
  }

  private requestInBackground(workspaceId: string): void {
    // Failures reach onError; results reach onResult.
    this.request(workspaceId).catch(() => undefined);
  }

  private stateOf(workspaceId: string): WorkspaceState<T> {
    let state = this.states.get(workspaceId);
    if (!state) {
      state = { running: false, dirty: false, next: null };
      this.states.set(workspaceId, state);
    }
    return state;
  }

  private pump(): void {
    while (this.active < this.concurrency) {
      const index = this.pickNext();
      if (index === -1) return;
      const [workspaceId] = this.queue.splice(index, 1);
      this.start(workspaceId!);
    }
  }

  /** Visible workspaces first; never a second run of a workspace whose run is in progress. */
  private pickNext(): number {
    let fallback = -1;
    for (let i = 0; i < this.queue.length; i++) {
      const id = this.queue[i]!;
      if (this.states.get(id)?.running) continue;
      if (this.visible.has(id)) return i;
      if (fallback === -1) fallback = i;
    }
    return fallback;
  }

  private start(workspaceId: string): void {
    const state = this.stateOf(workspaceId);
    const current = state.next!;
    state.next = null;
    state.running = true;
    this.active++;
    const run = (async () => {
      try {
        const result = await this.options.run(workspaceId);
        current.resolve(result);
        this.options.onResult?.(workspaceId, result);
      } catch (error) {
        current.reject(error);
        this.options.onError?.(workspaceId, error);
      } finally {
        state.running = false;
        this.active--;
        // Nothing left to remember about it.
        if (!state.next && !state.dirty && this.states.get(workspaceId) === state) this.states.delete(workspaceId);
        this.pump();
      }
    })();
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }
}

function waiting<T>(): Waiting<T> {
  let resolve!: (value: T | null) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T | null>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
