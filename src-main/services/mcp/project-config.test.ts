import { describe, expect, it } from 'vitest';
import { writeFiles } from '../../testing/git-fixtures';
import { tempFolder } from '../testing/temp-folders';
import { readProjectMcpConfig } from './project-config';

describe('readProjectMcpConfig', () => {
  it('reads .mcp.json, .cursor/mcp.json and .vscode/mcp.json; the first file to name a server wins', async () => {
    const root = tempFolder();
    writeFiles(root, {
      '.mcp.json': JSON.stringify({
        mcpServers: {
          files: { command: 'npx', args: ['-y', 'server-files'], env: { ROOT: '${PWD}' } },
          docs: { type: 'http', url: 'https://docs.example/mcp', headers: { Authorization: 'Bearer ${DOCS_TOKEN}' } },
        },
      }),
      '.cursor/mcp.json': JSON.stringify({ mcpServers: { files: { command: 'other' }, legacy: { type: 'sse', url: 'http://127.0.0.1:3000/sse' } } }),
      '.vscode/mcp.json': JSON.stringify({ servers: { db: { type: 'stdio', command: 'db-mcp', cwd: 'tools' } }, inputs: [] }),
    });
    const { servers, problems } = await readProjectMcpConfig(root);
    expect(problems).toEqual([]);
    expect(servers).toEqual([
      { source: '.mcp.json', config: { name: 'files', command: 'npx', args: ['-y', 'server-files'], env: { ROOT: '${PWD}' } } },
      { source: '.mcp.json', config: { name: 'docs', type: 'http', url: 'https://docs.example/mcp', headers: { Authorization: 'Bearer ${DOCS_TOKEN}' } } },
      { source: '.cursor/mcp.json', config: { name: 'legacy', type: 'sse', url: 'http://127.0.0.1:3000/sse' } },
      { source: '.vscode/mcp.json', config: { name: 'db', type: 'stdio', command: 'db-mcp', cwd: 'tools' } },
    ]);
  });

  it('has nothing to say about a project without these files', async () => {
    expect(await readProjectMcpConfig(tempFolder())).toEqual({ servers: [], problems: [] });
  });

  it('names the file and the field of every problem, and keeps the valid entries', async () => {
    const root = tempFolder();
    writeFiles(root, {
      '.mcp.json': JSON.stringify({
        mcpServers: {
          ok: { command: 'good' },
          nocommand: { args: ['x'] },
          badargs: { command: 'x', args: 'not-a-list' },
          'bad name!': { command: 'x' },
          weird: { type: 'websocket', url: 'ws://x' },
          nourl: { type: 'http' },
          notobject: 'npx server',
        },
      }),
      '.cursor/mcp.json': '{ "mcpServers": { oops',
      '.vscode/mcp.json': JSON.stringify({ servers: ['not', 'an', 'object'] }),
    });
    const { servers, problems } = await readProjectMcpConfig(root);
    expect(servers.map((server) => server.config.name)).toEqual(['ok']);
    const messages = problems.map((problem) => problem.message);
    expect(messages).toHaveLength(8);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\.mcp\.json: mcpServers\.nocommand\.command: /),
        expect.stringMatching(/^\.mcp\.json: mcpServers\.badargs\.args: /),
        expect.stringMatching(/^\.mcp\.json: mcpServers\.bad name!: a server name is 1-64 letters/),
        '.mcp.json: mcpServers.weird.type: must be "stdio", "http" or "sse" (got "websocket")',
        expect.stringMatching(/^\.mcp\.json: mcpServers\.nourl\.url: /),
        '.mcp.json: mcpServers.notobject: must be an object',
        expect.stringMatching(/^\.cursor\/mcp\.json: is not valid JSON/),
        '.vscode/mcp.json: servers: must be an object of servers by name',
      ]),
    );
  });

  it('reports a file whose top level is not an object', async () => {
    const root = tempFolder();
    writeFiles(root, { '.mcp.json': '[1, 2]' });
    expect(await readProjectMcpConfig(root)).toEqual({ servers: [], problems: [{ file: '.mcp.json', message: '.mcp.json: must contain a JSON object' }] });
  });
});
