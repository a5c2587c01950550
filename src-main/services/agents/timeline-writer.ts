import type { TimelineEvent, TimelineEventBody } from '../../../src-shared/contract';
import type { Store } from '../store/store';

/**
 * Other rows written in the timeline's own flush, in the same transaction (the audit trail):
 * one transaction per flush for everything, never one per entry.
 */
export interface FlushCompanion {
  hasPending(): boolean;
  /** Writes what waits; runs inside the flush's transaction. */
  write(): void;
  /** The transaction committed. */
  committed(): void;
  /** The transaction failed: what `write` took is lost (as the timeline's batch is). */
  rolledBack(): void;
}

export interface TimelineWriterOptions {
  store: Store;
  /** Pushes stored events to the UI (one `agent.timeline` event per task per flush). */
  publish: (taskId: string, events: TimelineEvent[]) => void;
  now: () => number;
  /** How long streamed pieces are gathered before one transaction writes them all. */
  flushIntervalMs?: number;
  /** A buffer this large is flushed at once, whatever the timer says. */
  maxBufferedEvents?: number;
  /** Sees every event as it is pushed, before merging (the audit trail derives its tool-call entries here). */
  observe?: (taskId: string, body: TimelineEventBody) => void;
}

/**
 * Stores what agents produce as it streams, in batches: every flush writes all tasks'
 * pending events in ONE transaction and then publishes them, so the UI only ever shows what
 * is already durable. Consecutive text pieces of one step (and output chunks of one command)
 * are merged before writing, so a token stream costs a few rows a second, not one per token.
 */
export class TimelineWriter {
  private pending = new Map<string, TimelineEventBody[]>();
  private pendingCount = 0;
  private readonly companions: FlushCompanion[] = [];
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly interval: number;
  private readonly maxBuffered: number;

  constructor(private readonly options: TimelineWriterOptions) {
    this.interval = options.flushIntervalMs ?? 40;
    this.maxBuffered = options.maxBufferedEvents ?? 2000;
  }

  push(taskId: string, body: TimelineEventBody): void {
    // After shutdown the database is closed: late events (a callback firing during teardown) are dropped.
    if (this.closed) return;
    this.options.observe?.(taskId, body);
    let list = this.pending.get(taskId);
    if (!list) {
      list = [];
      this.pending.set(taskId, list);
    }
    const last = list.at(-1);
    if (last && mergeInto(last, body)) return;
    list.push(body);
    this.pendingCount += 1;
    if (this.pendingCount >= this.maxBuffered) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.interval);
  }

  /** Joins a companion to every flush from now on; it calls `schedule()` when it has something. */
  join(companion: FlushCompanion): void {
    this.companions.push(companion);
  }

  /** A flush soon, on the usual timer (a companion has something to write). */
  schedule(): void {
    if (this.closed) return;
    this.timer ??= setTimeout(() => this.flush(), this.interval);
  }

  /** Writes everything pending now (before a status change, on stop, on shutdown). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const companions = this.companions.filter((companion) => companion.hasPending());
    if (this.pendingCount === 0 && companions.length === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    this.pendingCount = 0;
    const { store, now } = this.options;
    const at = now();
    const written = new Map<string, TimelineEvent[]>();
    try {
      store.transaction(() => {
        for (const [taskId, bodies] of batch) {
          // A task deleted meanwhile has no row to attach events to.
          if (!store.tasks.exists(taskId)) continue;
          written.set(
            taskId,
            bodies.map((body) => store.timeline.append(taskId, body, at)),
          );
        }
        for (const companion of companions) companion.write();
      });
    } catch (error) {
      for (const companion of companions) companion.rolledBack();
      throw error;
    }
    for (const [taskId, events] of written) this.options.publish(taskId, events);
    for (const companion of companions) companion.committed();
  }

  close(): void {
    this.flush();
    this.closed = true;
  }
}

function mergeInto(last: TimelineEventBody, next: TimelineEventBody): boolean {
  if (last.kind === 'assistant_text' && next.kind === 'assistant_text' && last.step === next.step) {
    last.text += next.text;
    return true;
  }
  if (last.kind === 'tool_output' && next.kind === 'tool_output' && last.callId === next.callId) {
    last.chunk += next.chunk;
    return true;
  }
  return false;
}
