import { describe, expect, it } from 'vitest';
import type { McpServerEntryView } from '../../../../src-shared/contract';
import { applyServerStatus, describeServerLaunch, serverStateText } from './mcp-status';

const entry = (name: string, key: string | null): McpServerEntryView => ({
  scope: 'app',
  config: { name, command: 'node' },
  enabled: true,
  disabledTools: [],
  trusted: true,
  status: key ? { key, name, state: 'connecting', restarts: 0 } : null,
});

describe('applyServerStatus', () => {
  it('updates the server whose connection reported and leaves the others as they were', () => {
    const servers = [entry('a', 'a:1'), entry('b', 'b:1')];
    const { servers: next, known } = applyServerStatus(servers, { key: 'b:1', name: 'b', state: 'failed', error: 'exit 1', restarts: 3 });
    expect(known).toBe(true);
    expect(next[0]).toBe(servers[0]);
    expect(next[1]?.status).toEqual({ key: 'b:1', name: 'b', state: 'failed', error: 'exit 1', restarts: 3 });
    expect(servers[1]?.status?.state).toBe('connecting');
  });

  it('reports a connection it has not seen (a first start, or an edited config) as unknown', () => {
    const servers = [entry('a', null), entry('b', 'b:old')];
    const { servers: next, known } = applyServerStatus(servers, { key: 'b:new', name: 'b', state: 'ready', restarts: 0 });
    expect(known).toBe(false);
    expect(next).toEqual(servers);
  });
});

describe('serverStateText', () => {
  it('calls a server without a connection stopped', () => {
    expect(serverStateText(entry('a', null))).toBe('stopped');
    expect(serverStateText(entry('a', 'a:1'))).toBe('connecting');
  });
});

describe('describeServerLaunch', () => {
  it('shows the command a project server would run, quoting what needs it', () => {
    expect(describeServerLaunch({ name: 'x', command: 'npx', args: ['-y', '@mcp/files', '/my dir', '', 'say "hi"'] })).toEqual({
      kind: 'command',
      text: 'npx -y @mcp/files "/my dir" "" "say \\"hi\\""',
    });
    expect(describeServerLaunch({ name: 'x', command: 'rm', args: ['-rf', '~'] })).toEqual({ kind: 'command', text: 'rm -rf ~' });
  });

  it('makes characters that hide or reorder text visible, so a command cannot pass for another', () => {
    const bidi = 'safe\u202e\u2066txt.exe';
    expect(describeServerLaunch({ name: 'x', command: 'node', args: [bidi, 'a\u200bb', 'line\nbreak', 'esc\u001b[2K'] }).text).toBe(
      'node "safe\\u202e\\u2066txt.exe" "a\\u200bb" "line\\u000abreak" "esc\\u001b[2K"',
    );
    expect(describeServerLaunch({ name: 'x', type: 'http', url: 'https://a.example\u202e/mcp' }).text).toBe('https://a.example\\u202e/mcp');
  });

  it('shows where a remote server connects', () => {
    expect(describeServerLaunch({ name: 'x', type: 'http', url: 'https://mcp.example.com/mcp' })).toEqual({ kind: 'url', text: 'https://mcp.example.com/mcp' });
  });
});
