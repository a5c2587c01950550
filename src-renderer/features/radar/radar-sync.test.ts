import { beforeEach, describe, expect, it } from 'vitest';
import type { Project, Radar } from '../../../src-shared/contract';
import { fakeBridgeHandle } from '../../bridge/fake-bridge-handle';
import { useProjectsStore } from '../projects/projects-store';
import { useRadarStore } from './radar-store';
import { syncRadar } from './radar-sync';

const project = (id: string, createdAt: number): Project => ({ id, name: id, path: `/repos/${id}`, defaultBranch: 'main', currentBranch: 'main', createdAt });
const radar = (computedAt: number): Radar => ({ pairs: [], tasks: [], computedAt });

/** A host that answers `radar.get` with a radar computed at `answerTime` and can push events. */
function fakeHost(answerTime: number) {
  const asked: string[] = [];
  const bridge = fakeBridgeHandle(async (_method, input) => {
    asked.push((input as { projectId: string }).projectId);
    return { ok: true, data: radar(answerTime) };
  });
  return { ...bridge, asked };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  useRadarStore.setState({ byProject: {}, errorByProject: {} });
  useProjectsStore.setState({ byId: {}, ids: [], loaded: false });
});

describe('radar sync', () => {
  it('asks for the radar of each project as it appears, takes pushed radars, and forgets removed projects', async () => {
    const host = fakeHost(10);
    const stop = syncRadar(host.handle);
    useProjectsStore.getState().replaceAll([project('p00001', 1)]);
    useProjectsStore.getState().replaceAll([project('p00001', 1), project('p00002', 2)]);
    await settle();
    expect(host.asked).toEqual(['p00001', 'p00002']);
    expect(useRadarStore.getState().byProject.p00002?.computedAt).toBe(10);

    host.push('radar.changed', { projectId: 'p00001', radar: radar(20) });
    expect(useRadarStore.getState().byProject.p00001?.computedAt).toBe(20);

    useProjectsStore.getState().replaceAll([project('p00002', 2)]);
    expect(useRadarStore.getState().byProject.p00001).toBeUndefined();
    stop();
  });

  it('asks again for every project after a reconnect, when events may have been missed', async () => {
    const host = fakeHost(10);
    useProjectsStore.getState().replaceAll([project('p00001', 1)]);
    const stop = syncRadar(host.handle);
    await settle();
    host.connection('reconnecting');
    host.connection('open');
    await settle();
    expect(host.asked).toEqual(['p00001', 'p00001']);
    stop();
  });
});
