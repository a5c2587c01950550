import { describe, expect, it } from 'vitest';
import type { AuditVerification, EventName } from '../../../src-shared/contract';
import { TimelineWriter } from '../agents/timeline-writer';
import { DomainEventBus } from '../events';
import { expectOk } from '../testing/services-fixture';
import { storeWithTask } from '../testing/store-fixture';
import { tempFolder } from '../testing/temp-folders';
import { createAuditTrail } from './index';
import { genesisHash } from './entry-hash';

const projectId = 'proj000001';
const taskId = 'task000001';

/** The audit trail over a real SQLite file, riding a real timeline writer, as the services build it. */
function openTrail(dataDir: string, clock = { now: 1_000 }) {
  const store = storeWithTask(dataDir);
  const pushed: { event: EventName; payload: unknown }[] = [];
  const trail = createAuditTrail({ store, now: () => clock.now++, events: new DomainEventBus(), emit: (event, payload) => void pushed.push({ event, payload }) });
  const writer = new TimelineWriter({ store, now: () => clock.now, publish: () => undefined, observe: trail.observeTimeline, flushIntervalMs: 60_000 });
  trail.rideOn(writer);
  const append = (n: number, label = 'entry') => {
    for (let i = 0; i < n; i++) trail.log.append(projectId, { actor: 'user', type: 'gate.override', taskId, payload: { gate: 'review', reason: `${label} ${i}` } });
  };
  const verify = (): AuditVerification => expectOk(trail.service.verify(projectId));
  return { store, trail, writer, append, verify, pushed, close: () => (writer.close(), trail.log.close(), store.close()) };
}

describe('the audit chain', () => {
  it('chains entries across flushes and a restart: the last hash is read back lazily and the chain verifies', () => {
    const dataDir = tempFolder('braid-audit-');
    const first = openTrail(dataDir);
    first.append(3, 'before');
    // Batched: nothing is written until the writer flushes.
    expect(first.store.audit.all(projectId)).toEqual([]);
    first.writer.flush();
    first.append(2, 'second flush');
    first.close();

    const again = openTrail(dataDir, { now: 5_000 });
    again.append(2, 'after restart');
    again.writer.flush();
    const stored = again.store.audit.all(projectId);
    expect(stored.map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(stored[0]?.prevHash).toBe(genesisHash);
    for (let i = 1; i < stored.length; i++) expect(stored[i]?.prevHash).toBe(stored[i - 1]?.hash);
    expect(again.verify()).toEqual({ ok: true, entries: 7, firstBroken: null, head: { seq: 7, hash: stored[6]?.hash } });
    // The UI is told once per flush that wrote entries of the project.
    expect(again.pushed).toEqual([{ event: 'audit.changed', payload: { projectId } }]);
    again.close();
  });

  it('writes its entries in the timeline writer’s transaction: a refused flush keeps both for the next, and the chain stays whole', () => {
    const trail = openTrail(tempFolder('braid-audit-'));
    trail.append(2);
    trail.writer.flush();
    // A real failure inside the transaction, on the audit insert.
    trail.store.db.exec(`CREATE TEMP TRIGGER refuse BEFORE INSERT ON audit_entry WHEN NEW.payload LIKE '%doomed%' BEGIN SELECT RAISE(ABORT, 'disk said no'); END`);
    trail.writer.push(taskId, { kind: 'user_message', text: 'written with the doomed entry' });
    trail.append(1, 'doomed');
    expect(trail.writer.flush()).toBe(false);
    // Nothing of the batch is stored: the timeline event and the entry went out together.
    expect(trail.store.timeline.page(taskId, 1e9, 10).events).toEqual([]);
    expect(trail.store.audit.all(projectId).map((entry) => entry.seq)).toEqual([1, 2]);
    trail.store.db.exec('DROP TRIGGER refuse');

    trail.append(2, 'later');
    expect(trail.writer.flush()).toBe(true);
    expect(trail.store.timeline.page(taskId, 1e9, 10).events.map((event) => event.kind)).toEqual(['user_message']);
    expect(trail.store.audit.all(projectId).map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(trail.verify()).toMatchObject({ ok: true, entries: 5 });
    trail.close();
  });

  it('names an entry whose payload was edited in the database', () => {
    const trail = openTrail(tempFolder('braid-audit-'));
    trail.append(5);
    trail.writer.flush();
    trail.store.db.prepare(`UPDATE audit_entry SET payload = '{"gate":"review","reason":"nothing to see"}' WHERE project_id = ? AND seq = 3`).run(projectId);
    expect(trail.verify()).toMatchObject({ ok: false, firstBroken: { seq: 3, problem: 'edited', reason: expect.stringMatching(/Entry 3 \(gate\.override\) was changed after it was written/) } });
    trail.close();
  });

  it('names the gap where a middle entry was deleted', () => {
    const trail = openTrail(tempFolder('braid-audit-'));
    trail.append(5);
    trail.writer.flush();
    trail.store.db.prepare('DELETE FROM audit_entry WHERE project_id = ? AND seq = 3').run(projectId);
    expect(trail.verify()).toMatchObject({ ok: false, firstBroken: { seq: 3, problem: 'missing', reason: 'Entry 3 is missing: the chain jumps from 2 to 4.' } });
    trail.close();
  });

  it('names entries that were swapped, and the newest entries cut off the end', () => {
    const trail = openTrail(tempFolder('braid-audit-'));
    trail.append(5);
    trail.writer.flush();
    const setSeq = trail.store.db.prepare('UPDATE audit_entry SET seq = ? WHERE project_id = ? AND seq = ?');
    trail.store.transaction(() => {
      setSeq.run(100, projectId, 2);
      setSeq.run(2, projectId, 3);
      setSeq.run(3, projectId, 100);
    });
    expect(trail.verify()).toMatchObject({ ok: false, firstBroken: { seq: 2, problem: 'reordered', reason: expect.stringMatching(/written as entry 3/) } });
    trail.store.transaction(() => {
      setSeq.run(100, projectId, 2);
      setSeq.run(2, projectId, 3);
      setSeq.run(3, projectId, 100);
    });
    expect(trail.verify()).toMatchObject({ ok: true });

    trail.store.db.prepare('DELETE FROM audit_entry WHERE project_id = ? AND seq >= 4').run(projectId);
    expect(trail.verify()).toMatchObject({ ok: false, firstBroken: { seq: 4, problem: 'missing', reason: 'The newest entries (4–5) are missing: the chain ends at 3.' } });
    trail.close();
  });
});
