import { describe, expect, it } from 'vitest';
import { RepoQueue } from './repo-queue';

/** A promise the test resolves or rejects by hand, so ordering needs no timers. */
function gate<T = void>() {
  let open!: (value: T) => void;
  let close!: (error: Error) => void;
  const promise = new Promise<T>((resolve, reject) => {
    open = resolve;
    close = reject;
  });
  return { promise, open, close };
}

describe('RepoQueue', () => {
  it('runs operations on one repository one at a time, in the order they were queued', async () => {
    const queue = new RepoQueue();
    const log: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const gates = Array.from({ length: 8 }, () => gate());
    const results = gates.map((g, i) =>
      queue.run('repo', async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        log.push(`start ${i}`);
        await g.promise;
        log.push(`end ${i}`);
        running--;
        return i;
      }),
    );
    // Open the gates in reverse: order must still be the queue order.
    for (const g of [...gates].reverse()) g.open();
    expect(await Promise.all(results)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(maxRunning).toBe(1);
    expect(log).toEqual(gates.flatMap((_, i) => [`start ${i}`, `end ${i}`]));
  });

  it('keeps going after a failed operation and reports the failure to its caller only', async () => {
    const queue = new RepoQueue();
    const first = queue.run('repo', async () => {
      throw new Error('git exploded');
    });
    const second = queue.run('repo', async () => 'still runs');
    await expect(first).rejects.toThrow('git exploded');
    await expect(second).resolves.toBe('still runs');
  });

  it('lets different repositories run at the same time', async () => {
    const queue = new RepoQueue();
    const a = gate();
    let bRan = false;
    const first = queue.run('repo-a', () => a.promise);
    await queue.run('repo-b', async () => {
      bRan = true;
    });
    expect(bRan).toBe(true);
    a.open();
    await first;
  });

  it('idle() waits for everything queued and forgets finished repositories', async () => {
    const queue = new RepoQueue();
    const g = gate();
    let done = false;
    void queue.run('repo', () => g.promise).then(() => (done = true));
    const idle = queue.idle();
    g.open();
    await idle;
    expect(done).toBe(true);
    expect(queue.activeKeys).toBe(0);
  });
});
