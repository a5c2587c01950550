/**
 * Tool calls waiting for the user, per task: an approval's decision, or the answer to an
 * `ask_user` question. A reply can be given once; Stop (the run's signal) ends the wait.
 */
export class PendingReplies<T> {
  private readonly waiting = new Map<string, { resolve: (reply: T) => void }>();

  private key(taskId: string, callId: string): string {
    return `${taskId}\u0000${callId}`;
  }

  wait(taskId: string, callId: string, signal: AbortSignal): Promise<T> {
    return new Promise((resolve, reject) => {
      const key = this.key(taskId, callId);
      const onAbort = () => {
        this.waiting.delete(key);
        reject(signal.reason);
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.set(key, {
        resolve: (reply) => {
          signal.removeEventListener('abort', onAbort);
          this.waiting.delete(key);
          resolve(reply);
        },
      });
    });
  }

  /** Returns false when nothing waits for this call (already answered, or the run ended). */
  reply(taskId: string, callId: string, reply: T): boolean {
    const entry = this.waiting.get(this.key(taskId, callId));
    if (!entry) return false;
    entry.resolve(reply);
    return true;
  }
}
