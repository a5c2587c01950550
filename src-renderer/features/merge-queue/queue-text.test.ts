import { describe, expect, it } from 'vitest';
import type { QueueEntry } from '../../../src-shared/contract';
import { elapsedText, entryElapsedMs, entryStateText, gateText, queueStatusText } from './queue-text';

const entry = (changes: Partial<QueueEntry>): QueueEntry => ({
  id: 'entry00001',
  projectId: 'project001',
  targetBranch: 'main',
  taskId: 'task000001',
  taskTitle: 'Alpha',
  strategy: 'merge',
  options: { strategy: 'merge', includeUncommitted: true },
  state: 'queued',
  speculative: false,
  attempts: 0,
  enqueuedAt: 0,
  startedAt: null,
  finishedAt: null,
  targetCommit: null,
  candidateCommit: null,
  ejection: null,
  landed: null,
  hasLog: false,
  ...changes,
});

describe('merge queue words', () => {
  it('says what an entry does, ahead or not', () => {
    expect(entryStateText(entry({}), 2)).toBe('waiting (#2)');
    expect(entryStateText(entry({ state: 'testing', speculative: true }), 2)).toBe('testing ahead');
    expect(entryStateText(entry({ state: 'building' }), 1)).toBe('building');
    expect(entryStateText(entry({ state: 'ejected' }), null)).toBe('ejected');
  });

  it('times the current attempt, to now while it runs and to its end once finished', () => {
    expect(entryElapsedMs(entry({}), 5_000)).toBeNull();
    expect(entryElapsedMs(entry({ state: 'testing', startedAt: 1_000 }), 5_500)).toBe(4_500);
    expect(entryElapsedMs(entry({ state: 'landed', startedAt: 1_000, finishedAt: 3_000 }), 99_000)).toBe(2_000);
    expect([elapsedText(4_900), elapsedText(65_000), elapsedText(3_720_000)]).toEqual(['4 s', '1 min 05 s', '1 h 02 min']);
  });

  it('says where the gate comes from, and when there is none', () => {
    expect(gateText({ command: 'npm test', setup: 'npm ci', source: 'workspace.json', problem: null, trust: null })).toBe('Gate: npm test (test in .braid/workspace.json), after npm ci');
    expect(gateText({ command: null, setup: null, source: null, problem: null, trust: null })).toBe('No gate command: an entry lands when it merges cleanly.');
  });

  it('says why a queue is paused, or how much is left', () => {
    const queue = { projectId: 'project001', targetBranch: 'main', paused: false, pauseReason: null, gate: { command: null, setup: null, source: null, problem: null, trust: null }, entries: [entry({}), entry({ state: 'landed' })] };
    expect(queueStatusText(queue)).toBe('1 entry to land');
    expect(queueStatusText({ ...queue, paused: true, pauseReason: 'Your checkout has changes.' })).toBe('Paused: Your checkout has changes.');
    expect(queueStatusText({ ...queue, entries: [] })).toBe('Idle');
  });
});
