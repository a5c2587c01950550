import type { PlanDecision, PlanVersionStatus, Task } from '../../../src-shared/contract';

/**
 * Facts inside the host that other services react to. What the UI is told is the contract's
 * events (`src-shared/contract/events.ts`); `contract-events.ts` translates the facts the UI
 * shows, as one more subscriber.
 */
export interface DomainEvents {
  /** A task's stored state changed; `task` is re-read from the store (and decorated). */
  'task.changed': { task: Task };
  /** A task's rows are gone (its workspace's too, unless another task shares it). */
  'task.removed': { projectId: string; taskId: string };
  /**
   * Braid itself changed a workspace's files or branch: a hunk accepted or reverted, a commit,
   * a checkpoint restored, a merge landed, the base merged in.
   */
  'workspace.moved': { workspaceId: string };
  /** An agent run ended after at least one step; the run waits for the listeners before its status changes. */
  'agent.turnEnded': { taskId: string; workspaceId: string; turn: number };
  /** A project is no longer open in Braid (its repository and worktrees stay on disk). */
  'project.removed': { projectId: string };
  /**
   * A version of a plan task's plan was stored: submitted by the agent (`submit_plan`), or
   * written by the user (an edit of `basedOn`, stored `approved` when approved in the same step).
   */
  'plan.versionAdded': PlanFact & { author: 'agent' | 'user'; status: PlanVersionStatus; basedOn: number | null };
  /** The user decided on a version at the gate (approve, request changes with its message and comments, reject with the reason). */
  'plan.decided': PlanFact & { decision: PlanDecision };
  /** `submit_plan` was called with an invalid plan: the `attempt`-th invalid try in a row; `failedTask` when it was the last allowed. */
  'plan.submissionRefused': Omit<PlanFact, 'version' | 'contentHash' | 'title'> & { attempt: number; issues: string[]; failedTask: boolean; at: number };
  /** An approved version's Markdown was committed into a workspace ("Save to repository"). */
  'plan.saved': PlanFact & { workspaceTaskId: string; path: string; commit: string };
}

/** What every plan fact names: enough for an audit entry without reading the store again. */
export interface PlanFact {
  projectId: string;
  taskId: string;
  pipelineId: string | null;
  version: number;
  title: string;
  /** sha256 of the version's canonical plan JSON. */
  contentHash: string;
  at: number;
}

export type DomainEventName = keyof DomainEvents;
export type DomainListener<E extends DomainEventName> = (payload: DomainEvents[E]) => void | Promise<void>;

/**
 * A small typed in-process event bus, built once by the composition root and handed to the
 * services. Listeners run in the order they subscribed, at once, inside `publish`; an async
 * listener's work is awaited by `publish`'s promise (publishers that need it done, like the end
 * of an agent turn, await it; the others do not). A listener that throws or rejects is logged
 * and does not stop the others: the publisher's own work has already happened.
 */
export class DomainEventBus {
  private readonly listeners = new Map<DomainEventName, Set<DomainListener<never>>>();

  constructor(private readonly log: (line: string) => void = (line) => console.error(line)) {}

  /** Subscribes; the returned function unsubscribes. */
  on<E extends DomainEventName>(event: E, listener: DomainListener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    const entry = listener as DomainListener<never>;
    set.add(entry);
    return () => set.delete(entry);
  }

  publish<E extends DomainEventName>(event: E, payload: DomainEvents[E]): Promise<void> {
    const pending: Promise<void>[] = [];
    for (const listener of [...(this.listeners.get(event) ?? [])]) {
      try {
        const result: unknown = (listener as DomainListener<E>)(payload);
        // A `void` listener may still return something (TypeScript allows it): only promises are waited for.
        if (result instanceof Promise) pending.push(result.catch((error: unknown) => this.report(event, error)));
      } catch (error) {
        this.report(event, error);
      }
    }
    return pending.length === 0 ? Promise.resolve() : Promise.all(pending).then(() => undefined);
  }

  private report(event: DomainEventName, error: unknown): void {
    this.log(`[events] a listener of ${event} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}
