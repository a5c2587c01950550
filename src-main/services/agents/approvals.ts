import type { ApprovalDecision } from './agent-run';

/** Tool calls waiting for the user's decision, per task. A decision can be given once. */
export class PendingApprovals {
  private readonly waiting = new Map<string, { resolve: (decision: ApprovalDecision) => void }>();

  private key(taskId: string, callId: string): string {
    return `${taskId}\u0000${callId}`;
  }

  wait(taskId: string, callId: string, signal: AbortSignal): Promise<ApprovalDecision> {
    return new Promise((resolve, reject) => {
      const key = this.key(taskId, callId);
      const onAbort = () => {
        this.waiting.delete(key);
        reject(signal.reason);
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.set(key, {
        resolve: (decision) => {
          signal.removeEventListener('abort', onAbort);
          this.waiting.delete(key);
          resolve(decision);
        },
      });
    });
  }

  /** Returns false when nothing waits for this call (already decided, or the run ended). */
  decide(taskId: string, callId: string, decision: ApprovalDecision): boolean {
    const entry = this.waiting.get(this.key(taskId, callId));
    if (!entry) return false;
    entry.resolve(decision);
    return true;
  }
}
