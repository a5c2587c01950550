import { describe, expect, it } from 'vitest';
import type { Radar } from '../../../src-shared/contract';
import { radarBadgeText, rangeText, verdictText, type RadarTaskInfo } from './radar-text';

const tasks: Record<string, RadarTaskInfo> = {
  alpha: { title: 'Alpha', mergedInto: null },
  beta: { title: 'Beta', mergedInto: null },
  gamma: { title: 'Gamma', mergedInto: null },
};
const lookup = (id: string) => tasks[id];

function radar(overrides: Partial<Radar> = {}): Radar {
  return {
    pairs: [{ a: 'alpha', b: 'beta', files: [{ path: 'shared.txt', ranges: [[1, 3]], wholeFile: false }] }],
    tasks: [
      { taskId: 'alpha', clean: true, conflicts: [], baseCommit: 'c1' },
      { taskId: 'beta', clean: true, conflicts: [], baseCommit: 'c1' },
      { taskId: 'gamma', clean: true, conflicts: [], baseCommit: 'c1' },
    ],
    computedAt: 1,
    ...overrides,
  };
}

describe('radar badge text', () => {
  it('says which task overlaps, where, and that it still merges cleanly', () => {
    expect(radarBadgeText(radar(), 'alpha', lookup)).toEqual({
      tone: 'overlap',
      label: 'overlap',
      description: 'merges cleanly; overlaps Beta in shared.txt (lines 1–3)',
    });
    expect(radarBadgeText(radar(), 'beta', lookup)?.description).toBe('merges cleanly; overlaps Alpha in shared.txt (lines 1–3)');
  });

  it('shows nothing for a task that neither overlaps nor conflicts', () => {
    expect(radarBadgeText(radar(), 'gamma', lookup)).toBeNull();
    expect(radarBadgeText(undefined, 'gamma', lookup)).toBeNull();
  });

  it('names the conflicting files when the dry run against the base fails', () => {
    const conflicted = radar({
      pairs: [],
      tasks: [{ taskId: 'beta', clean: false, conflicts: ['shared.txt', 'b.ts'], baseCommit: 'c2' }],
    });
    expect(radarBadgeText(conflicted, 'beta', lookup)).toEqual({ tone: 'conflict', label: 'conflict', description: 'conflicts in: shared.txt, b.ts' });
  });

  it('says merged for a merged task and leaves it out of the others’ overlaps', () => {
    const merged: Record<string, RadarTaskInfo> = { ...tasks, alpha: { title: 'Alpha', mergedInto: 'main' } };
    expect(radarBadgeText(radar(), 'alpha', (id) => merged[id])).toEqual({ tone: 'merged', label: 'merged', description: 'merged into main' });
    expect(radarBadgeText(radar(), 'beta', (id) => merged[id])).toBeNull();
  });

  it('words line ranges, whole files and a radar failure plainly', () => {
    expect(rangeText({ ranges: [[4, 4]], wholeFile: false })).toBe('line 4');
    expect(rangeText({ ranges: [[1, 2], [9, 9]], wholeFile: false })).toBe('lines 1–2, 9');
    expect(rangeText({ ranges: [], wholeFile: false })).toBe('different lines');
    expect(rangeText({ ranges: [], wholeFile: true })).toBe('whole file');
    expect(verdictText({ taskId: 'x', clean: false, conflicts: [], baseCommit: null, error: 'base branch main is gone' })).toBe(
      'radar could not check: base branch main is gone',
    );
  });

  it('shortens a long list of conflicting files', () => {
    const conflicts = Array.from({ length: 10 }, (_, i) => `f${i}.ts`);
    expect(verdictText({ taskId: 'x', clean: false, conflicts, baseCommit: null })).toBe(
      'conflicts in: f0.ts, f1.ts, f2.ts, f3.ts, f4.ts, f5.ts, f6.ts, f7.ts and 2 more',
    );
  });
});
