/**
 * Tool calls waiting for the user, per task: an approval's decision, or the answer to an
 * `ask_user` question. A reply can be given once; Stop (the run's signal) ends the wait.
 * `About`: what the reply is about, kept while it waits (an approval's call, for "Always allow").
 */
export class PendingReplies<T, About = void> {
  private readonly waiting = new Map<string, { about: About; resolve: (reply: T) => void }>();

  private key(taskId: string, callId: string): string {
    return `${taskId}\u0000${callId}`;
  }

  wait(taskId: string, callId: string, signal: AbortSignal, about: About): Promise<T> {
    return new Promise((resolve, reject) => {
      const key = this.key(taskId, callId);
      const onAbort = () => {
        this.waiting.delete(key);
        reject(signal.reason);
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.set(key, {
        about,
        resolve: (reply) => {
          signal.removeEventListener('abort', onAbort);
          this.waiting.delete(key);
          resolve(reply);
        },
      });
    });
  }

  /** What the call waiting for a reply is about; undefined when nothing waits for it. */
  waitingFor(taskId: string, callId: string): { about: About } | undefined {
    const entry = this.waiting.get(this.key(taskId, callId));
    return entry ? { about: entry.about } : undefined;
  }

  /** Returns false when nothing waits for this call (already answered, or the run ended). */
  reply(taskId: string, callId: string, reply: T): boolean {
    const entry = this.waiting.get(this.key(taskId, callId));
    if (!entry) return false;
    entry.resolve(reply);
    return true;
  }
}
