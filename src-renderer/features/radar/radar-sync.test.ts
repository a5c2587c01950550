import { beforeEach, describe, expect, it } from 'vitest';
import type { EventName, EventPayload, Project, Radar } from '../../../src-shared/contract';
import type { BridgeHandle, ConnectionState } from '../../bridge/bridge';
import { useProjectsStore } from '../projects/projects-store';
import { useRadarStore } from './radar-store';
import { syncRadar } from './radar-sync';

const project = (id: string, createdAt: number): Project => ({ id, name: id, path: `/repos/${id}`, defaultBranch: 'main', currentBranch: 'main', createdAt });
const radar = (computedAt: number): Radar => ({ pairs: [], tasks: [], computedAt });

/** A host that answers `radar.get` with a radar computed at `answerTime` and can push events. */
function fakeHost(answerTime: number) {
  const asked: string[] = [];
  const listeners = new Map<string, (payload: unknown) => void>();
  const connectionListeners: ((state: ConnectionState) => void)[] = [];
  const handle = {
    api: {
      invoke: async (_method: string, input: { projectId: string }) => {
        asked.push(input.projectId);
        return { ok: true, data: radar(answerTime) };
      },
      on: (event: string, listener: (payload: unknown) => void) => {
        listeners.set(event, listener);
        return () => listeners.delete(event);
      },
    },
    connection: {
      current: () => 'open' as ConnectionState,
      subscribe: (listener: (state: ConnectionState) => void) => {
        connectionListeners.push(listener);
        return () => {};
      },
    },
  } as unknown as BridgeHandle;
  return {
    handle,
    asked,
    push: <E extends EventName>(event: E, payload: EventPayload<E>) => listeners.get(event)?.(payload),
    connection: (state: ConnectionState) => connectionListeners.forEach((listener) => listener(state)),
  };
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
