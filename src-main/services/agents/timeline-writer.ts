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
  /** The transaction failed: what `write` took waits again, ahead of anything newer, for the next try. */
  rolledBack(): void;
}

/** The database refused a flush: what waits is kept and written once it accepts again. */
export interface StorageTrouble {
  /** What the database said (disk full, locked by another program, read-only, …). */
  message: string;
  /** Events (and companion rows) waiting in memory meanwhile. */
  waiting: number;
  since: number;
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
  /**
   * The database refused a flush (`trouble`), or accepts again after it did (`null`). Called once
   * when the trouble starts and once when it ends, not on every retry.
   */
  onStorageTrouble?: (trouble: StorageTrouble | null) => void;
  /** Longest wait between tries while the database refuses (default 5 s). */
  maxRetryDelayMs?: number;
}

/**
 * Stores what agents produce as it streams, in batches: every flush writes all tasks'
 * pending events in ONE transaction and then publishes them, so the UI only ever shows what
 * is already durable. Consecutive text pieces of one step (and output chunks of one command)
 * are merged before writing, so a token stream costs a few rows a second, not one per token.
 *
 * A flush the database refuses (disk full, a lock held past the busy timeout, a read-only
 * file) never throws and loses nothing: the batch waits again in order, ahead of newer events,
 * and is retried with growing pauses while `onStorageTrouble` tells the user.
 */
export class TimelineWriter {
  private pending = new Map<string, TimelineEventBody[]>();
  private pendingCount = 0;
  private readonly companions: FlushCompanion[] = [];
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly interval: number;
  private readonly maxBuffered: number;
  private trouble: StorageTrouble | null = null;
  private retryDelay: number;

  constructor(private readonly options: TimelineWriterOptions) {
    this.interval = options.flushIntervalMs ?? 40;
    this.maxBuffered = options.maxBufferedEvents ?? 2000;
    this.retryDelay = this.interval;
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
    // While the database refuses, the retry timer decides when to try again.
    if (this.pendingCount >= this.maxBuffered && !this.trouble) this.flush();
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

  /**
   * Writes everything pending now (before a status change, on stop, on shutdown). False when
   * the database refused: everything stays pending and a retry is scheduled.
   */
  flush(): boolean {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const companions = this.companions.filter((companion) => companion.hasPending());
    if (this.pendingCount === 0 && companions.length === 0) return true;
    const batch = this.pending;
    const batchCount = this.pendingCount;
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
      this.requeue(batch, batchCount);
      this.refused(error, companions.length);
      return false;
    }
    this.recovered();
    for (const [taskId, events] of written) this.options.publish(taskId, events);
    for (const companion of companions) companion.committed();
    return true;
  }

  /** What the database is refusing, while it does. */
  storageTrouble(): StorageTrouble | null {
    return this.trouble;
  }

  /** A refused batch goes back ahead of what was pushed since (nothing is pushed during a flush, but keep it general). */
  private requeue(batch: Map<string, TimelineEventBody[]>, count: number): void {
    for (const [taskId, newer] of this.pending) {
      const older = batch.get(taskId);
      if (older) older.push(...newer);
      else batch.set(taskId, newer);
    }
    this.pendingCount += count;
    this.pending = batch;
  }

  private refused(error: unknown, companionsWaiting: number): void {
    const message = error instanceof Error ? error.message : String(error);
    const waiting = this.pendingCount + companionsWaiting;
    const first = this.trouble === null;
    this.trouble = { message, waiting, since: this.trouble?.since ?? this.options.now() };
    if (first) this.options.onStorageTrouble?.(this.trouble);
    if (this.closed) return;
    this.retryDelay = first ? this.interval : Math.min(this.retryDelay * 2, this.options.maxRetryDelayMs ?? 5_000);
    this.timer = setTimeout(() => this.flush(), this.retryDelay);
  }

  private recovered(): void {
    if (this.trouble === null) return;
    this.trouble = null;
    this.retryDelay = this.interval;
    this.options.onStorageTrouble?.(null);
  }

  /** Last try to write everything; the host is going away, so a refusal now loses what waits (and says so). */
  close(): void {
    this.closed = true;
    if (!this.flush()) this.options.onStorageTrouble?.({ ...this.trouble!, message: `${this.trouble!.message} — Braid stopped with ${this.trouble!.waiting} unsaved timeline events` });
    if (this.timer) clearTimeout(this.timer);
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
