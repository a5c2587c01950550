import { describe, expect, it } from 'vitest';
import { GateSlots } from './gate-slots';

const never = new AbortController().signal;

describe('gate slots (the concurrency limit across queues)', () => {
  it('runs at most the limit at once and serves the head of a queue before a speculative run that asked earlier', async () => {
    const slots = new GateSlots(() => 1);
    const order: string[] = [];
    const first = await slots.acquire(0, never);
    const speculative = slots.acquire(1, never).then((release) => {
      order.push('speculative');
      return release;
    });
    const head = slots.acquire(0, never).then((release) => {
      order.push('head');
      return release;
    });
    await Promise.resolve();
    expect(order).toEqual([]);
    first?.();
    (await head)?.();
    (await speculative)?.();
    expect(order).toEqual(['head', 'speculative']);
  });

  it('gives up a wait when its run is stopped, without taking a slot', async () => {
    const slots = new GateSlots(() => 1);
    const held = await slots.acquire(0, never);
    const stop = new AbortController();
    const waiting = slots.acquire(0, stop.signal);
    stop.abort();
    expect(await waiting).toBeNull();
    held?.();
    const next = await slots.acquire(1, never);
    expect(next).not.toBeNull();
    // Releasing twice frees one slot, not two.
    next?.();
    next?.();
    const a = await slots.acquire(0, never);
    let secondGranted = false;
    void slots.acquire(0, never).then(() => (secondGranted = true));
    await Promise.resolve();
    expect(secondGranted).toBe(false);
    a?.();
  });
});
