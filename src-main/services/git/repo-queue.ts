/**
 * One serial queue per repository for git operations that change shared state (refs, the
 * worktree list, the main checkout). Git takes its own locks and fails instead of waiting
 * when two writers meet, so we make writers wait their turn here. Read-only calls skip it.
 */
export class RepoQueue {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly pending = new Set<Promise<unknown>>();

  /** Runs `operation` after every operation queued earlier for `key` has finished. */
  run<T>(key: string, operation: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    // Tails never reject, so a failed operation does not block the next one.
    const result = previous.then(() => operation());
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    this.pending.add(tail);
    void tail.then(() => {
      this.pending.delete(tail);
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Resolves once everything queued so far (on every key) has finished. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  /** Number of repositories with queued work, for tests and diagnostics. */
  get activeKeys(): number {
    return this.tails.size;
  }
}
