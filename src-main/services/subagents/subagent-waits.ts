import { isBusyStatus } from '../../../src-shared/contract';
import type { DomainEventBus } from '../events';

/**
 * Resolves once the task's run has ended (its status is no longer a busy one), as the agent
 * service publishes it. Subscribe before starting the run, so a run that ends at once is seen.
 */
export function runEnded(events: DomainEventBus, taskId: string): { ended: Promise<void>; dispose(): void } {
  let dispose!: () => void;
  const ended = new Promise<void>((resolve) => {
    dispose = events.on('agent.statusChanged', (change) => {
      if (change.taskId !== taskId || isBusyStatus(change.status) || change.status === 'idle') return;
      dispose();
      resolve();
    });
  });
  return { ended, dispose };
}

/**
 * Which subagents each parent waits for, so its status says so ("Waiting for subagents:
 * reviewer, tester") while the delegations of one step run together.
 */
export class WaitingSubagents {
  private readonly byParent = new Map<string, Map<string, string>>();

  /** Adds one; returns the status reason to show. */
  add(parentId: string, callId: string, agent: string): string {
    const waiting = this.byParent.get(parentId) ?? new Map<string, string>();
    this.byParent.set(parentId, waiting.set(callId, agent));
    return this.reason(waiting);
  }

  /** Removes one; returns the reason to show, or null when the parent waits for none any more. */
  remove(parentId: string, callId: string): string | null {
    const waiting = this.byParent.get(parentId);
    waiting?.delete(callId);
    if (!waiting || waiting.size === 0) {
      this.byParent.delete(parentId);
      return null;
    }
    return this.reason(waiting);
  }

  private reason(waiting: Map<string, string>): string {
    const names = [...waiting.values()];
    return `Waiting for ${names.length === 1 ? 'its subagent' : `${names.length} subagents`}: ${names.join(', ')}`;
  }
}
