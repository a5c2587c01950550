/**
 * Runs at most `limit` agent runs at once; the rest wait in FIFO order (the visible queue).
 * One entry per task: enqueuing a task that is already waiting or running is refused.
 *
 * A run that waits for other runs (a parent for its subagents) gives its slot up (`release`)
 * and takes one again before it goes on (`reacquire`), ahead of runs not started yet: a parent
 * never holds a slot its subagents need, so even one slot cannot deadlock.
 */
export class AgentScheduler {
  private readonly waiting: { taskId: string; start: () => Promise<void> }[] = [];
  private readonly running = new Set<string>();
  /** Runs that gave their slot up while they wait for other runs. */
  private readonly released = new Set<string>();
  /** Released runs waiting to get a slot back, served before `waiting`. */
  private readonly returning: { taskId: string; grant: () => void }[] = [];
  /** Per running task: settles once its run has ended and it left `running`. */
  private readonly ends = new Map<string, Promise<void>>();

  constructor(private limit: number) {}

  get concurrency(): number {
    return this.limit;
  }

  setLimit(limit: number): void {
    this.limit = Math.max(1, Math.floor(limit));
    this.pump();
  }

  has(taskId: string): boolean {
    return this.running.has(taskId) || this.released.has(taskId) || this.waiting.some((entry) => entry.taskId === taskId);
  }

  /** Resolves once the task's current run has ended and freed its slot (at once when none runs). */
  runEnded(taskId: string): Promise<void> {
    return this.ends.get(taskId) ?? Promise.resolve();
  }

  isWaiting(taskId: string): boolean {
    return this.waiting.some((entry) => entry.taskId === taskId);
  }

  /** Returns whether the run started at once (false: it waits in the queue). */
  enqueue(taskId: string, start: () => Promise<void>): boolean {
    if (this.has(taskId)) throw new Error(`Task ${taskId} is already scheduled.`);
    this.waiting.push({ taskId, start });
    this.pump();
    return this.running.has(taskId);
  }

  /** Removes a task that has not started yet; returns whether it was waiting. */
  cancel(taskId: string): boolean {
    const index = this.waiting.findIndex((entry) => entry.taskId === taskId);
    if (index < 0) return false;
    this.waiting.splice(index, 1);
    return true;
  }

  /** A running task waits for other runs: its slot goes to the next run meanwhile. */
  release(taskId: string): void {
    if (!this.running.delete(taskId)) return;
    this.released.add(taskId);
    this.pump();
  }

  /**
   * A released task takes a slot again, before any run not started yet; resolves once it has
   * one. Aborted (Stop, shutdown): resolves at once without a slot, since the run is ending.
   */
  reacquire(taskId: string, signal: AbortSignal): Promise<void> {
    if (!this.released.delete(taskId)) return Promise.resolve();
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const entry = {
        taskId,
        grant: () => {
          signal.removeEventListener('abort', onAbort);
          this.running.add(taskId);
          resolve();
        },
      };
      const onAbort = () => {
        const index = this.returning.indexOf(entry);
        if (index >= 0) this.returning.splice(index, 1);
        resolve();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.returning.push(entry);
      this.pump();
    });
  }

  private pump(): void {
    while (this.running.size < this.limit) {
      const back = this.returning.shift();
      if (back) {
        back.grant();
        continue;
      }
      const next = this.waiting.shift();
      if (!next) return;
      this.running.add(next.taskId);
      const ended = next
        .start()
        .catch(() => undefined)
        .finally(() => {
          this.running.delete(next.taskId);
          this.released.delete(next.taskId);
          if (this.ends.get(next.taskId) === ended) this.ends.delete(next.taskId);
          this.pump();
        });
      this.ends.set(next.taskId, ended);
    }
  }
}
