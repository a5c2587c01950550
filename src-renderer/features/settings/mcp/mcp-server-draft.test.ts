import { describe, expect, it } from 'vitest';
import { configFromDraft, draftFromConfig, emptyServerDraft, type McpServerDraft } from './mcp-server-draft';

const draft = (change: Partial<McpServerDraft>): McpServerDraft => ({ ...emptyServerDraft, ...change });

describe('configFromDraft', () => {
  it('builds a stdio config from the text areas, leaving out an empty cwd', () => {
    expect(configFromDraft(draft({ name: ' files ', command: ' npx ', args: '-y\n@mcp/files', env: 'DEBUG=1' }))).toEqual({
      ok: true,
      config: { name: 'files', command: 'npx', args: ['-y', '@mcp/files'], env: { DEBUG: '1' } },
    });
    expect(configFromDraft(draft({ name: 'a', command: 'node', cwd: ' /srv/tools ' }))).toEqual({
      ok: true,
      config: { name: 'a', command: 'node', args: [], env: {}, cwd: '/srv/tools' },
    });
  });

  it('builds http and sse configs and ignores the stdio fields typed before switching', () => {
    const typed = draft({ name: 'remote', command: 'npx', args: 'x', url: 'https://mcp.example.com/mcp', headers: 'Authorization: Bearer t' });
    expect(configFromDraft({ ...typed, transport: 'http' })).toEqual({
      ok: true,
      config: { name: 'remote', type: 'http', url: 'https://mcp.example.com/mcp', headers: { Authorization: 'Bearer t' } },
    });
    expect(configFromDraft({ ...typed, transport: 'sse' })).toMatchObject({ ok: true, config: { type: 'sse' } });
  });

  it('accepts a URL with a ${VAR} placeholder', () => {
    expect(configFromDraft(draft({ name: 'r', transport: 'http', url: '${MCP_URL:-http://127.0.0.1:9000}/mcp' }))).toMatchObject({ ok: true });
  });

  it.each<[string, Partial<McpServerDraft>, string]>([
    ['an empty name', { name: '  ', command: 'x' }, 'The name is 1-64'],
    ['a name with spaces', { name: 'my server', command: 'x' }, 'The name is 1-64'],
    ['a name with a slash', { name: 'a/b', command: 'x' }, 'The name is 1-64'],
    ['a name over 64 characters', { name: 'a'.repeat(65), command: 'x' }, 'The name is 1-64'],
    ['no command', { name: 'a', command: ' ' }, 'The command is required'],
    ['a NUL in the command', { name: 'a', command: 'no\0de' }, 'NUL'],
    ['a NUL in the cwd', { name: 'a', command: 'node', cwd: '/tmp\0x' }, 'NUL'],
    ['a bad env line', { name: 'a', command: 'node', env: 'oops' }, 'Environment, line 1'],
    ['no URL', { name: 'a', transport: 'http' }, 'The URL is required'],
    ['a non-URL', { name: 'a', transport: 'http', url: 'not a url' }, 'is not a URL'],
    ['a file: URL', { name: 'a', transport: 'sse', url: 'file:///etc/passwd' }, 'must start with http'],
    ['a javascript: URL', { name: 'a', transport: 'http', url: 'javascript:alert(1)' }, 'must start with http'],
    ['a bad header line', { name: 'a', transport: 'http', url: 'http://x', headers: 'nocolon' }, 'Headers, line 1'],
  ])('refuses %s', (_label, change, message) => {
    const result = configFromDraft(draft(change));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});

describe('draftFromConfig', () => {
  it('turns a stored stdio config back into the same config', () => {
    const config = { name: 'files', command: 'npx', args: ['-y', '@mcp/files'], env: { A: '1', B: 'x=y' }, cwd: '/srv' };
    expect(configFromDraft(draftFromConfig(config))).toEqual({ ok: true, config });
  });

  it('turns a remote config back into the same config', () => {
    const config = { name: 'remote', type: 'sse' as const, url: 'https://x.example/sse', headers: { 'X-Key': 'k' } };
    expect(draftFromConfig(config)).toMatchObject({ transport: 'sse', url: config.url, headers: 'X-Key: k' });
    expect(configFromDraft(draftFromConfig(config))).toEqual({ ok: true, config });
  });

  it('fills in what an older stdio config left out', () => {
    expect(configFromDraft(draftFromConfig({ name: 'bare', command: 'server' }))).toEqual({
      ok: true,
      config: { name: 'bare', command: 'server', args: [], env: {} },
    });
  });
});
