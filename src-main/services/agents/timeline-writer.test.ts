import { describe, expect, it, vi } from 'vitest';
import type { TimelineEvent } from '../../../src-shared/contract';
import { openStore } from '../store/store';
import { storeWithTask as storeWithTaskIn } from '../testing/store-fixture';
import { tempFolder } from '../testing/temp-folders';
import { TimelineWriter } from './timeline-writer';

function storeWithTask() {
  return storeWithTaskIn(tempFolder('braid-timeline-'));
}

describe('TimelineWriter', () => {
  it('merges streamed pieces and writes a batch in one go, publishing only what is stored', () => {
    const store = storeWithTask();
    const published: TimelineEvent[][] = [];
    const writer = new TimelineWriter({ store, now: () => 42, publish: (_id, events) => published.push(events), flushIntervalMs: 60_000 });
    writer.push('task000001', { kind: 'user_message', text: 'hi' });
    for (const piece of ['Hel', 'lo', ' there']) writer.push('task000001', { kind: 'assistant_text', step: 1, text: piece });
    writer.push('task000001', { kind: 'tool_call', step: 1, callId: 'c', name: 'grep', args: {} });
    writer.push('task000001', { kind: 'tool_output', callId: 'c', chunk: 'a' });
    writer.push('task000001', { kind: 'tool_output', callId: 'c', chunk: 'b' });
    expect(store.timeline.page('task000001', 1e9, 100).events).toEqual([]);
    writer.flush();

    const stored = store.timeline.page('task000001', 1e9, 100).events;
    expect(stored.map((e) => e.kind)).toEqual(['user_message', 'assistant_text', 'tool_call', 'tool_output']);
    expect(stored[1]).toMatchObject({ text: 'Hello there', seq: 2, at: 42 });
    expect(stored[3]).toMatchObject({ chunk: 'ab' });
    expect(published).toEqual([stored]);
    store.close();
  });

  it('pages history newest-first and continues numbering after a restart', () => {
    const dir = tempFolder('braid-timeline-');
    const seeded = storeWithTaskIn(dir);
    const writer = new TimelineWriter({ store: seeded, now: () => 1, publish: () => undefined });
    for (let i = 0; i < 25; i++) writer.push('task000001', { kind: 'user_message', text: `m${i}` });
    writer.flush();
    seeded.close();

    const reopened = openStore(dir);
    const again = new TimelineWriter({ store: reopened, now: () => 2, publish: () => undefined });
    again.push('task000001', { kind: 'user_message', text: 'after restart' });
    again.flush();
    const newest = reopened.timeline.page('task000001', Number.MAX_SAFE_INTEGER, 10);
    expect(newest.hasMore).toBe(true);
    expect(newest.events.map((e) => e.seq)).toEqual([17, 18, 19, 20, 21, 22, 23, 24, 25, 26]);
    expect(newest.events.at(-1)).toMatchObject({ text: 'after restart' });
    const older = reopened.timeline.page('task000001', 17, 100);
    expect(older.hasMore).toBe(false);
    expect(older.events).toHaveLength(16);
    reopened.close();
  });

  it('keeps what the database refuses, in order, retries on its own, and says so once until it accepts again', async () => {
    const store = storeWithTask();
    const troubles: (string | null)[] = [];
    const published: string[] = [];
    const writer = new TimelineWriter({
      store,
      now: () => 1,
      publish: (_id, events) => published.push(...events.map((event) => (event.kind === 'user_message' ? event.text : event.kind))),
      flushIntervalMs: 5,
      maxRetryDelayMs: 20,
      onStorageTrouble: (trouble) => troubles.push(trouble && `${trouble.message} (${trouble.waiting} waiting)`),
    });
    // The database refuses every write to the timeline, as a full disk would.
    store.db.exec(`CREATE TEMP TRIGGER full_disk BEFORE INSERT ON task_event BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    writer.push('task000001', { kind: 'user_message', text: 'first' });
    writer.push('task000001', { kind: 'user_message', text: 'second' });
    // The timer's flush fails: no exception escapes it (it would end the host), the events wait.
    await vi.waitFor(() => expect(troubles).toEqual(['database or disk is full (2 waiting)']), { timeout: 5_000, interval: 5 });
    writer.push('task000001', { kind: 'user_message', text: 'third' });
    expect(writer.flush()).toBe(false);
    expect(store.timeline.page('task000001', 1e9, 10).events).toEqual([]);
    expect(troubles).toHaveLength(1);

    store.db.exec('DROP TRIGGER full_disk');
    // The retry timer writes everything, oldest first, and the trouble is over.
    await vi.waitFor(() => expect(troubles).toEqual(['database or disk is full (2 waiting)', null]), { timeout: 5_000, interval: 5 });
    expect(store.timeline.page('task000001', 1e9, 10).events.map((event) => (event.kind === 'user_message' ? event.text : ''))).toEqual(['first', 'second', 'third']);
    expect(published).toEqual(['first', 'second', 'third']);
    writer.close();
    store.close();
  });
});
