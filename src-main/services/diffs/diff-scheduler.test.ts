import { describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../src-shared/contract';
import { expectOk } from '../testing/services-fixture';
import { DiffScheduler } from './diff-scheduler';
import type { WorkspaceDiff } from './diff-types';
import { makeWorkspace, type TestWorkspace } from '../testing/workspace-fixture';
import { workspaceDiff } from './workspace-diff';

/** The real diff of each workspace, counted, with runs held at a gate until released. */
function gatedDiffs(workspaces: Record<string, TestWorkspace>) {
  const runs: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let open: () => void = () => undefined;
  let gate = new Promise<void>((resolve) => (open = resolve));
  return {
    runs,
    get maxInFlight() {
      return maxInFlight;
    },
    release() {
      open();
    },
    hold() {
      gate = new Promise<void>((resolve) => (open = resolve));
    },
    run: async (id: string): Promise<Result<WorkspaceDiff>> => {
      runs.push(id);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        await gate;
        return await workspaceDiff(workspaces[id]!);
      } finally {
        inFlight--;
      }
    },
  };
}

const pathsOf = (result: Result<WorkspaceDiff> | null) => expectOk(result!).files.map((file) => file.path);

describe('DiffScheduler', () => {
  it('coalesces requests made while a run is in progress into exactly one more run, which sees the latest files', async () => {
    const ws = makeWorkspace();
    const diffs = gatedDiffs({ a: ws });
    const scheduler = new DiffScheduler({ run: diffs.run });

    const first = scheduler.request('a');
    await vi.waitFor(() => expect(diffs.runs.length === 1).toBe(true));
    ws.write({ 'during.txt': 'written while git was running\n' });
    const followUps = Array.from({ length: 5 }, () => scheduler.request('a'));
    expect(new Set(followUps).size).toBe(1); // all five share one queued run
    diffs.release();

    const results = await Promise.all([first, ...followUps]);
    expect(diffs.runs).toEqual(['a', 'a']);
    expect(pathsOf(results[results.length - 1]!)).toEqual(['during.txt']);
    await scheduler.close();
  });

  it('runs at most `concurrency` workspaces at once', async () => {
    const workspaces = { a: makeWorkspace(), b: makeWorkspace(), c: makeWorkspace() };
    const diffs = gatedDiffs(workspaces);
    const scheduler = new DiffScheduler({ run: diffs.run, concurrency: 2 });
    const all = Promise.all(['a', 'b', 'c'].map((id) => scheduler.request(id)));
    await vi.waitFor(() => expect(diffs.runs.length === 2).toBe(true));
    expect(scheduler.running).toBe(2);
    diffs.release();
    await all;
    expect(diffs.runs.sort()).toEqual(['a', 'b', 'c']);
    expect(diffs.maxInFlight).toBe(2);
    await scheduler.close();
  });

  it('refreshes a dirty workspace off screen only when it becomes visible', async () => {
    const ws = makeWorkspace();
    const diffs = gatedDiffs({ a: ws });
    diffs.release();
    const results: string[][] = [];
    const scheduler = new DiffScheduler({ run: diffs.run, onResult: (_id, result) => results.push(pathsOf(result)) });

    ws.write({ 'new.txt': 'x\n' });
    scheduler.markDirty('a');
    expect(scheduler.isDirty('a')).toBe(true);
    expect(diffs.runs).toEqual([]);

    scheduler.setVisible(['a']);
    await vi.waitFor(() => expect(results.length === 1).toBe(true));
    expect(results).toEqual([['new.txt']]);
    expect(scheduler.isDirty('a')).toBe(false);

    // Visible now: the next change refreshes at once.
    scheduler.markDirty('a');
    await vi.waitFor(() => expect(results.length === 2).toBe(true));
    await scheduler.close();
  });

  it('on close, cancels queued runs and waits for the running one', async () => {
    const diffs = gatedDiffs({ a: makeWorkspace(), b: makeWorkspace() });
    const scheduler = new DiffScheduler({ run: diffs.run, concurrency: 1 });
    const running = scheduler.request('a');
    const queued = scheduler.request('b');
    await vi.waitFor(() => expect(diffs.runs.length === 1).toBe(true));
    const closing = scheduler.close();
    expect(await queued).toBeNull();
    diffs.release();
    await closing;
    expect((await running)?.ok).toBe(true);
    expect(diffs.runs).toEqual(['a']);
    expect(await scheduler.request('a')).toBeNull();
  });
});
