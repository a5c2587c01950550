import { describe, expect, it, vi } from 'vitest';
import { AgentScheduler } from './scheduler';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('AgentScheduler', () => {
  it('runs at most `limit` at once and starts waiting runs in order as slots free up', async () => {
    const scheduler = new AgentScheduler(2);
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const startedNow = gates.map((gate, i) =>
      scheduler.enqueue(`t${i}`, async () => {
        started.push(i);
        await gate.promise;
      }),
    );
    expect(startedNow).toEqual([true, true, false, false]);
    expect(started).toEqual([0, 1]);
    expect(scheduler.isWaiting('t2')).toBe(true);

    gates[1]?.resolve();
    await gates[1]?.promise;
    await Promise.resolve();
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);

    expect(scheduler.cancel('t3')).toBe(true);
    gates[0]?.resolve();
    gates[2]?.resolve();
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1, 2]);
    expect(scheduler.has('t0')).toBe(false);
  });

  it('refuses to schedule the same task twice and lets a raised limit start waiting runs', async () => {
    const scheduler = new AgentScheduler(1);
    const gate = deferred();
    const started: string[] = [];
    scheduler.enqueue('a', async () => {
      started.push('a');
      await gate.promise;
    });
    expect(() => scheduler.enqueue('a', async () => undefined)).toThrow(/already scheduled/);
    scheduler.enqueue('b', async () => {
      started.push('b');
    });
    expect(started).toEqual(['a']);
    scheduler.setLimit(2);
    expect(started).toEqual(['a', 'b']);
    gate.resolve();
  });

  it('a run that waits for other runs gives its slot to the next, and gets one back before runs not started yet', async () => {
    const scheduler = new AgentScheduler(1);
    const started: string[] = [];
    const child = deferred();
    let parentGotSlotBack = false;
    const controller = new AbortController();
    scheduler.enqueue('parent', async () => {
      started.push('parent');
      scheduler.enqueue('child', async () => {
        started.push('child');
        await child.promise;
      });
      scheduler.enqueue('later', async () => {
        started.push('later');
      });
      // Holding the only slot, the parent would wait for a child that waits for that slot.
      scheduler.release('parent');
      expect(started).toEqual(['parent', 'child']);
      const back = scheduler.reacquire('parent', controller.signal).then(() => (parentGotSlotBack = true));
      child.resolve();
      await back;
      // The parent is served before 'later', which was queued first but had not started.
      expect(started).toEqual(['parent', 'child']);
    });
    await vi.waitFor(() => expect(started).toEqual(['parent', 'child', 'later']));
    expect(parentGotSlotBack).toBe(true);
    expect(scheduler.has('parent')).toBe(false);
  });

  it('Stop ends the wait for a slot at once, without taking one', async () => {
    const scheduler = new AgentScheduler(1);
    const blocker = deferred();
    const controller = new AbortController();
    let ended = false;
    scheduler.enqueue('parent', async () => {
      scheduler.release('parent');
      scheduler.enqueue('other', () => blocker.promise);
      const back = scheduler.reacquire('parent', controller.signal).then(() => (ended = true));
      controller.abort();
      await back;
    });
    await vi.waitFor(() => expect(ended).toBe(true));
    expect(scheduler.has('other')).toBe(true);
    blocker.resolve();
    await vi.waitFor(() => expect(scheduler.has('other')).toBe(false));
  });
});
