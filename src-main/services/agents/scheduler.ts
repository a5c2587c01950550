/**
 * Runs at most `limit` agent runs at once; the rest wait in FIFO order (the visible queue).
 * One entry per task: enqueuing a task that is already waiting or running is refused.
 */
export class AgentScheduler {
  private readonly waiting: { taskId: string; start: () => Promise<void> }[] = [];
  private readonly running = new Set<string>();
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
    return this.running.has(taskId) || this.waiting.some((entry) => entry.taskId === taskId);
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

  private pump(): void {
    while (this.running.size < this.limit && this.waiting.length > 0) {
      const next = this.waiting.shift();
      if (!next) return;
      this.running.add(next.taskId);
      const ended = next
        .start()
        .catch(() => undefined)
        .finally(() => {
          this.running.delete(next.taskId);
          if (this.ends.get(next.taskId) === ended) this.ends.delete(next.taskId);
          this.pump();
        });
      this.ends.set(next.taskId, ended);
    }
  }
}
