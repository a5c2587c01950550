/**
 * How many gates run at once across every queue of the host (the concurrency limit). The head
 * of a queue is served before any speculative run waiting for a slot, so testing ahead never
 * delays an entry that could land.
 */
export class GateSlots {
  private running = 0;
  private readonly waiting: { priority: number; grant(): void }[] = [];

  constructor(private readonly limit: () => number) {}

  /** Resolves with a release function once a slot is free (priority 0 first, then 1, each in order of asking). */
  acquire(priority: 0 | 1, signal: AbortSignal): Promise<(() => void) | null> {
    if (signal.aborted) return Promise.resolve(null);
    if (this.running < Math.max(1, this.limit()) && this.waiting.length === 0) return Promise.resolve(this.take());
    return new Promise((resolve) => {
      const waiter = {
        priority,
        grant: () => {
          signal.removeEventListener('abort', onAbort);
          resolve(this.take());
        },
      };
      const onAbort = () => {
        const index = this.waiting.indexOf(waiter);
        if (index !== -1) this.waiting.splice(index, 1);
        resolve(null);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      const at = this.waiting.findIndex((other) => other.priority > priority);
      if (at === -1) this.waiting.push(waiter);
      else this.waiting.splice(at, 0, waiter);
    });
  }

  private take(): () => void {
    this.running++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running--;
      this.grantNext();
    };
  }

  private grantNext(): void {
    while (this.waiting.length > 0 && this.running < Math.max(1, this.limit())) this.waiting.shift()?.grant();
  }
}
