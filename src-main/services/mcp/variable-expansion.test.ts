import { describe, expect, it } from 'vitest';
import { expandServerConfig, expandVariables } from './variable-expansion';

describe('expandVariables', () => {
  const env = { HOME: '/home/ada', TOKEN: 'abc', EMPTY: '' };

  it.each([
    ['${HOME}/bin', '/home/ada/bin'],
    ['Bearer ${TOKEN}', 'Bearer abc'],
    ['${MISSING:-fallback}', 'fallback'],
    ['${TOKEN:-unused}', 'abc'],
    ['${EMPTY:-used when empty}', 'used when empty'],
    ['${EMPTY}', ''],
    ['${MISSING:-}', ''],
    ['${HOME}:${TOKEN}', '/home/ada:abc'],
    // No other shell syntax is interpreted.
    ['$HOME $(whoami) `id` ${HOME:+x} ~', '$HOME $(whoami) `id` ${HOME:+x} ~'],
  ])('%s → %s', (input, expected) => {
    expect(expandVariables(input, env)).toEqual({ ok: true, data: expected });
  });

  it('names an unset variable that has no default', () => {
    const result = expandVariables('token=${GITHUB_TOKEN}', env);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { variable: 'GITHUB_TOKEN' } } });
    expect(!result.ok && result.error.message).toContain('GITHUB_TOKEN is not set');
  });
});

describe('expandServerConfig', () => {
  it('expands every field a server is started with', () => {
    const stdio = expandServerConfig(
      { name: 's', command: '${BIN:-node}', args: ['--root', '${ROOT}'], env: { KEY: '${KEY}' }, cwd: '${ROOT}' },
      { ROOT: '/repo', KEY: 'k' },
    );
    expect(stdio).toEqual({ ok: true, data: { name: 's', command: 'node', args: ['--root', '/repo'], env: { KEY: 'k' }, cwd: '/repo' } });
    const remote = expandServerConfig({ name: 'r', type: 'http', url: '${HOST:-http://localhost}/mcp', headers: { 'X-Key': '${KEY}' } }, { KEY: 'k' });
    expect(remote).toEqual({ ok: true, data: { name: 'r', type: 'http', url: 'http://localhost/mcp', headers: { 'X-Key': 'k' } } });
  });

  it('says which server and field use the unset variable', () => {
    const result = expandServerConfig({ name: 'github', type: 'http', url: 'https://x', headers: { Authorization: 'Bearer ${GH_TOKEN}' } }, {});
    expect(!result.ok && result.error.message).toBe(
      'MCP server "github": headers.Authorization: the environment variable GH_TOKEN is not set (use ${GH_TOKEN:-default} for a default)',
    );
  });
});
