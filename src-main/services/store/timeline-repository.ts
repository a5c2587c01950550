import type { TimelineEvent, TimelineEventBody } from '../../../src-shared/contract';
import type { Db } from './database';

interface RawEvent {
  seq: number;
  body: string;
  created_at: number;
}

const toEvent = (raw: RawEvent): TimelineEvent => ({ ...(JSON.parse(raw.body) as TimelineEventBody), seq: raw.seq, at: raw.created_at });

export type TimelineRepository = ReturnType<typeof createTimelineRepository>;

/** The append-only timeline of every task (table `task_event`), read in pages by `seq`. */
export function createTimelineRepository(db: Db) {
  const maxSeq = db.prepare<[string], { seq: number | null }>('SELECT max(seq) AS seq FROM task_event WHERE task_id = ?');
  const insert = db.prepare('INSERT INTO task_event (task_id, seq, kind, body, created_at) VALUES (?, ?, ?, ?, ?)');
  const pageBefore = db.prepare<[string, number, number], RawEvent>(
    'SELECT seq, body, created_at FROM task_event WHERE task_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
  );
  const fromSeq = db.prepare<[string, number], RawEvent>('SELECT seq, body, created_at FROM task_event WHERE task_id = ? AND seq >= ? ORDER BY seq');
  const lastOfKind = db.prepare<[string, string], RawEvent>(
    'SELECT seq, body, created_at FROM task_event WHERE task_id = ? AND kind = ? ORDER BY seq DESC LIMIT 1',
  );
  const byKinds = new Map<string, ReturnType<typeof db.prepare<unknown[], RawEvent>>>();
  const nextSeq = new Map<string, number>();

  const allocate = (taskId: string): number => {
    let next = nextSeq.get(taskId);
    if (next === undefined) next = (maxSeq.get(taskId)?.seq ?? 0) + 1;
    nextSeq.set(taskId, next + 1);
    return next;
  };

  return {
    /** Appends without a transaction of its own: callers batch many appends into one. */
    append(taskId: string, body: TimelineEventBody, at: number): TimelineEvent {
      const seq = allocate(taskId);
      insert.run(taskId, seq, body.kind, JSON.stringify(body), at);
      return { ...body, seq, at };
    },
    /** Newest first is how pages are fetched; the result is returned oldest first. */
    page(taskId: string, beforeSeq: number, limit: number): { events: TimelineEvent[]; hasMore: boolean } {
      const rows = pageBefore.all(taskId, beforeSeq, limit + 1);
      const hasMore = rows.length > limit;
      return { events: rows.slice(0, limit).reverse().map(toEvent), hasMore };
    },
    from(taskId: string, seq: number): TimelineEvent[] {
      return fromSeq.all(taskId, seq).map(toEvent);
    },
    /** Only events of these kinds, oldest first (e.g. tool calls without the streamed text). */
    ofKinds(taskId: string, kinds: readonly TimelineEventBody['kind'][]): TimelineEvent[] {
      const key = [...kinds].sort().join(',');
      let statement = byKinds.get(key);
      if (!statement) {
        statement = db.prepare<unknown[], RawEvent>(
          `SELECT seq, body, created_at FROM task_event WHERE task_id = ? AND kind IN (${kinds.map(() => '?').join(', ')}) ORDER BY seq`,
        );
        byKinds.set(key, statement);
      }
      return statement.all(taskId, ...[...kinds].sort()).map(toEvent);
    },
    last(taskId: string, kind: TimelineEventBody['kind']): TimelineEvent | undefined {
      const raw = lastOfKind.get(taskId, kind);
      return raw && toEvent(raw);
    },
    lastSeq(taskId: string): number {
      return nextSeq.has(taskId) ? (nextSeq.get(taskId) as number) - 1 : (maxSeq.get(taskId)?.seq ?? 0);
    },
    /** Seq caches must be dropped when a task's rows are deleted. */
    forget(taskId: string): void {
      nextSeq.delete(taskId);
    },
  };
}
