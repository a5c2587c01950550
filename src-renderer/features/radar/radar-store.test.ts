import { beforeEach, describe, expect, it } from 'vitest';
import type { Radar } from '../../../src-shared/contract';
import { useRadarStore } from './radar-store';

const radarAt = (computedAt: number, conflicts: string[] = []): Radar => ({
  pairs: [],
  tasks: [{ taskId: 't00001', clean: conflicts.length === 0, conflicts, baseCommit: null }],
  computedAt,
});
const store = () => useRadarStore.getState();

beforeEach(() => useRadarStore.setState({ byProject: {}, errorByProject: {} }));

describe('radar store', () => {
  it('keeps the newer radar when a slow radar.get answer arrives after a radar.changed event', () => {
    store().put('p00001', radarAt(200, ['a.ts']));
    store().put('p00001', radarAt(100));
    expect(store().byProject.p00001?.tasks[0]?.conflicts).toEqual(['a.ts']);
    store().put('p00001', radarAt(300));
    expect(store().byProject.p00001?.computedAt).toBe(300);
  });

  it('clears a load error once a radar arrives, and forgets removed projects', () => {
    store().setError('p00001', 'The repository is gone.');
    expect(store().errorByProject.p00001).toBe('The repository is gone.');
    store().put('p00001', radarAt(1));
    expect(store().errorByProject.p00001).toBeUndefined();
    store().put('p00002', radarAt(1));
    store().forgetProjects(['p00001']);
    expect(Object.keys(store().byProject)).toEqual(['p00002']);
  });
});
