import { beforeEach, describe, expect, it } from 'vitest';
import type { McpServerEntryView, MethodOutput } from '../../../../src-shared/contract';
import type { Bridge } from '../../../bridge/bridge';
import { loadMcpServers, receiveMcpStatus, updateMcpEntry, useMcpSettingsStore } from './mcp-store';

type ServersAnswer = MethodOutput<'mcp.servers'>;

/** A host whose `mcp.servers` answers wait until the test releases them, in any order. */
function controllableHost() {
  const asked: { input: unknown; answer(servers: McpServerEntryView[]): Promise<void> }[] = [];
  const api = {
    invoke: (method: string, input: unknown) => {
      if (method !== 'mcp.servers') throw new Error(`unexpected ${method}`);
      return new Promise((resolve) => {
        asked.push({
          input,
          answer: async (servers) => {
            resolve({ ok: true, data: { servers, problems: [] } satisfies ServersAnswer });
            // Let the store's continuation (and any follow-up load it starts) run.
            await new Promise((done) => setTimeout(done, 0));
          },
        });
      });
    },
    on: () => () => {},
  } as unknown as Bridge;
  return { api, asked };
}

const server = (name: string, state: 'connecting' | 'ready' | 'failed' | null, enabled = true): McpServerEntryView => ({
  scope: 'app',
  config: { name, command: 'node' },
  enabled,
  disabledTools: [],
  trusted: true,
  status: state ? { key: `${name}:h1`, name, state, restarts: 0 } : null,
});

const shownServers = () => useMcpSettingsStore.getState().servers;

describe('the MCP settings store', () => {
  let projectCounter = 0;
  let project: string;
  beforeEach(() => {
    // A fresh project per test starts from an empty list, whatever the last test left.
    project = `p${++projectCounter}`;
  });

  it('shows a live status of a known connection in place, without asking the host', async () => {
    const { api, asked } = controllableHost();
    void loadMcpServers(api, project);
    await asked[0]?.answer([server('a', 'connecting'), server('b', null)]);
    receiveMcpStatus(api, { key: 'a:h1', name: 'a', state: 'ready', restarts: 0 });
    expect(shownServers()?.map((entry) => entry.status?.state ?? 'none')).toEqual(['ready', 'none']);
    expect(asked).toHaveLength(1);
  });

  it('asks again for a connection it does not know, folding a burst into one more request', async () => {
    const { api, asked } = controllableHost();
    void loadMcpServers(api, project);
    await asked[0]?.answer([server('a', null)]);
    receiveMcpStatus(api, { key: 'a:h1', name: 'a', state: 'connecting', restarts: 0 });
    receiveMcpStatus(api, { key: 'a:h1', name: 'a', state: 'ready', restarts: 0 });
    receiveMcpStatus(api, { key: 'a:h1', name: 'a', state: 'ready', restarts: 0 });
    expect(asked).toHaveLength(2);
    await asked[1]?.answer([server('a', 'connecting')]);
    expect(asked).toHaveLength(3);
    await asked[2]?.answer([server('a', 'ready')]);
    expect(asked).toHaveLength(3);
    expect(shownServers()?.[0]?.status?.state).toBe('ready');
  });

  it('never lets a list asked for before a change overwrite it', async () => {
    const { api, asked } = controllableHost();
    void loadMcpServers(api, project);
    await asked[0]?.answer([server('a', null, true)]);
    receiveMcpStatus(api, { key: 'other:h1', name: 'other', state: 'ready', restarts: 0 }); // starts a reload
    updateMcpEntry('app:a', (entry) => ({ ...entry, enabled: false })); // the host confirmed "off" meanwhile
    await asked[1]?.answer([server('a', null, true)]); // stale: taken before the switch
    expect(shownServers()?.[0]?.enabled).toBe(false);
    await asked[2]?.answer([server('a', null, false)]);
    expect(shownServers()?.[0]?.enabled).toBe(false);
  });

  it('drops the answer for the project it showed before', async () => {
    const { api, asked } = controllableHost();
    void loadMcpServers(api, project);
    void loadMcpServers(api, 'other-project');
    expect(useMcpSettingsStore.getState().servers).toBeNull();
    await asked[0]?.answer([server('from-old-project', null)]);
    expect(asked[1]?.input).toEqual({ projectId: 'other-project' });
    await asked[1]?.answer([server('from-new-project', null)]);
    expect(shownServers()?.map((entry) => entry.config.name)).toEqual(['from-new-project']);
  });
});
