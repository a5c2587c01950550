import { describe, expect, it } from 'vitest';
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
});
