import { beforeEach, describe, expect, it } from 'vitest';
import type { BackgroundService } from '../../../src-shared/contract';
import { fakeBridgeHandle } from '../../bridge/fake-bridge-handle';
import { useSelectionStore } from '../selection/selection-store';
import { useCommandsStore } from './commands-store';
import { syncCommands } from './commands-sync';

const service = (id: string, state: BackgroundService['state'] = 'running'): BackgroundService => ({
  id,
  taskId: 't1',
  name: 'dev server',
  command: 'npm run dev',
  pid: 4242,
  startedAt: 1,
  state,
  exitCode: state === 'running' ? null : 1,
  recentOutput: '',
});

/** A host whose answers wait until the test releases them. */
function fakeHost() {
  const pending: { method: string; input: unknown; answer: (data: unknown) => void }[] = [];
  const bridge = fakeBridgeHandle((method, input) => new Promise((resolve) => pending.push({ method, input, answer: (data) => resolve({ ok: true, data }) })));
  return { ...bridge, pending };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  useCommandsStore.setState({ isolation: null, servicesByTask: {}, errorByTask: {} });
  useSelectionStore.setState({ selectedTaskId: null });
});

describe('commands sync', () => {
  it('shows how commands are isolated, and loads the services of the task that is opened', async () => {
    const host = fakeHost();
    const stop = syncCommands(host.handle);
    expect(host.pending.map((call) => call.method)).toEqual(['commands.isolation']);
    host.pending[0]!.answer({ kind: 'none', pidNamespace: false, limitation: 'bubblewrap (bwrap) is not installed' });
    await settle();
    expect(useCommandsStore.getState().isolation).toEqual({ kind: 'none', pidNamespace: false, limitation: 'bubblewrap (bwrap) is not installed' });

    useSelectionStore.getState().selectTask('p1', 't1');
    expect(host.pending[1]).toMatchObject({ method: 'commands.services', input: { taskId: 't1' } });
    host.pending[1]!.answer([service('service-1')]);
    await settle();
    expect(useCommandsStore.getState().servicesByTask.t1).toEqual([service('service-1')]);
    stop();
  });

  it('keeps a pushed change over a list that was asked for before it and answered after', async () => {
    const host = fakeHost();
    const stop = syncCommands(host.handle);
    useSelectionStore.getState().selectTask('p1', 't1');
    const slowList = host.pending.find((call) => call.method === 'commands.services')!;
    host.push('commands.servicesChanged', { taskId: 't1', services: [service('service-1', 'exited')] });
    slowList.answer([service('service-1')]);
    await settle();
    expect(useCommandsStore.getState().servicesByTask.t1).toEqual([service('service-1', 'exited')]);

    // After a reconnect (events may have been missed) the open task's list is asked for again.
    host.connection('reconnecting');
    host.connection('open');
    const reload = host.pending.filter((call) => call.method === 'commands.services').at(-1)!;
    expect(reload).not.toBe(slowList);
    reload.answer([]);
    await settle();
    expect(useCommandsStore.getState().servicesByTask.t1).toBeUndefined();
    stop();
  });
});
