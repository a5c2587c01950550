import { beforeEach, describe, expect, it } from 'vitest';
import type { MethodName, Result } from '../../../src-shared/contract';
import type { Bridge } from '../../bridge/bridge';
import { loadHistory, useHistoryStore, type WorkspaceHistory } from './history-store';

const log = (subject: string): WorkspaceHistory => ({
  branch: 'braid/alpha',
  baseBranch: 'main',
  baseRef: 'refs/heads/main',
  mergeBase: 'b'.repeat(40),
  ahead: 1,
  behind: 0,
  mergeInProgress: null,
  commits: [{ sha: 'c'.repeat(40), subject, author: 'A', authorEmail: 'a@example.com', date: 1 }],
  truncated: false,
});

/** A bridge whose answers the test releases one by one, in any order. */
function controlledBridge() {
  const waiting: { method: MethodName; resolve: (result: Result<unknown>) => void }[] = [];
  const api = {
    invoke: (method: MethodName) => new Promise<Result<unknown>>((resolve) => waiting.push({ method, resolve })),
    on: () => () => {},
  } as unknown as Bridge;
  return { api, waiting };
}

beforeEach(() => useHistoryStore.setState({ byTask: {} }));

describe('history store', () => {
  it('keeps the checkpoints when the log fails, and shows the host’s reason for the log', async () => {
    const { api, waiting } = controlledBridge();
    const loading = loadHistory(api, 't00001');
    expect(useHistoryStore.getState().byTask.t00001?.loading).toBe(true);
    waiting.find((call) => call.method === 'history.log')?.resolve({ ok: false, error: { code: 'WORKSPACE_NOT_READY', message: 'The workspace is missing.' } });
    waiting.find((call) => call.method === 'history.checkpoints')?.resolve({ ok: true, data: [{ turn: 1, commit: 'x', tree: 'y', head: 'z', createdAt: 5 }] });
    await loading;
    const history = useHistoryStore.getState().byTask.t00001;
    expect(history?.loading).toBe(false);
    expect(history?.logError).toBe('The workspace is missing.');
    expect(history?.checkpoints?.map((c) => c.turn)).toEqual([1]);
  });

  it('drops a late answer to an older load so the newer one stands', async () => {
    const { api, waiting } = controlledBridge();
    const first = loadHistory(api, 't00001');
    const second = loadHistory(api, 't00001');
    const [oldLog, oldCheckpoints, newLog, newCheckpoints] = waiting;
    newLog?.resolve({ ok: true, data: log('newer') });
    newCheckpoints?.resolve({ ok: true, data: [] });
    await second;
    oldLog?.resolve({ ok: true, data: log('older') });
    oldCheckpoints?.resolve({ ok: true, data: [] });
    await first;
    expect(useHistoryStore.getState().byTask.t00001?.log?.commits[0]?.subject).toBe('newer');
  });
});
