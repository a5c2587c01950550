import { describe, expect, it } from 'vitest';
import { writeFiles } from '../../testing/git-fixtures';
import { tempFolder } from '../testing/temp-folders';
import { McpServerCatalog } from './server-catalog';
import { createMemorySettings } from './settings-store';
import { createTestHub, fixtureConfig, fixtureServerPath } from './testing/hub-harness';

function writeMcpJson(root: string, servers: Record<string, unknown>): void {
  writeFiles(root, { '.mcp.json': JSON.stringify({ mcpServers: servers }) });
}

describe('McpServerCatalog', () => {
  it('keeps app servers in settings: add, edit (also renaming), remove, with clear refusals', () => {
    const settings = createMemorySettings();
    const catalog = new McpServerCatalog(settings);
    expect(catalog.addAppServer({ name: 'files', command: 'npx', args: ['server-files'] })).toMatchObject({ ok: true });
    expect(catalog.addAppServer({ name: 'files', command: 'other' })).toMatchObject({ ok: false, error: { code: 'ALREADY_ADDED' } });
    expect(catalog.addAppServer({ name: 'web', type: 'http' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('web.url') } });
    expect(catalog.addAppServer({ name: 'a b', command: 'x' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    catalog.setToolEnabled({ scope: 'app', name: 'files' }, 'delete_file', false);
    expect(catalog.updateAppServer('files', { name: 'fs', command: 'npx', args: ['server-fs'] })).toMatchObject({ ok: true });
    // Survives a restart of Braid: a new catalog over the same settings.
    const reopened = new McpServerCatalog(settings);
    expect(reopened.appServers()).toEqual([
      { scope: 'app', config: { name: 'fs', command: 'npx', args: ['server-fs'] }, enabled: true, disabledTools: ['delete_file'], trusted: true },
    ]);
    expect(reopened.updateAppServer('missing', { name: 'x', command: 'x' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(reopened.removeAppServer('fs')).toEqual({ ok: true, data: { removed: true } });
    expect(reopened.appServers()).toEqual([]);
  });

  it('switches servers and single tools on and off', async () => {
    const catalog = new McpServerCatalog(createMemorySettings());
    catalog.addAppServer({ name: 'one', command: 'a' });
    catalog.addAppServer({ name: 'two', command: 'b' });
    catalog.setServerEnabled({ scope: 'app', name: 'two' }, false);
    catalog.setToolEnabled({ scope: 'app', name: 'one' }, 'rm', false);
    catalog.setToolEnabled({ scope: 'app', name: 'one' }, 'mv', false);
    catalog.setToolEnabled({ scope: 'app', name: 'one' }, 'rm', true);
    const { servers } = await catalog.serversForTask();
    expect(servers).toEqual([{ config: { name: 'one', command: 'a' }, disabledTools: ['mv'] }]);
  });

  it('runs a project server only once trusted, and asks again when its config changes', async () => {
    const root = tempFolder();
    const project = { id: 'proj1', root };
    writeMcpJson(root, { fixture: { command: process.execPath, args: [fixtureServerPath] } });
    const catalog = new McpServerCatalog(createMemorySettings());
    const { hub } = createTestHub();

    const before = await catalog.serversForTask(project);
    expect(before.servers).toEqual([]);
    expect(before.untrusted.map((config) => config.name)).toEqual(['fixture']);
    expect(await hub.acquire('task-1', before.servers)).toEqual([]);
    expect(hub.statuses()).toEqual([]);
    expect(hub.listTools('task-1')).toEqual([]);

    catalog.trust.trust(project.id, before.untrusted[0]!);
    const trusted = await catalog.serversForTask(project);
    expect(trusted.untrusted).toEqual([]);
    // Project stdio servers run in the project root.
    expect(trusted.servers).toEqual([{ config: { ...fixtureConfig(), cwd: root }, disabledTools: [] }]);
    expect(await hub.acquire('task-1', trusted.servers)).toMatchObject([{ name: 'fixture', state: 'ready' }]);
    expect(hub.listTools('task-1').map((tool) => tool.name)).toContain('mcp__fixture__echo');
    await hub.release('task-1');

    // Trust belongs to one project.
    expect((await catalog.serversForTask({ id: 'proj2', root })).untrusted).toHaveLength(1);

    // Someone edits the file (new args): the edited command must be trusted again.
    writeMcpJson(root, { fixture: { command: process.execPath, args: [fixtureServerPath, '--crash-after-calls', '1'] } });
    const edited = await catalog.serversForTask(project);
    expect(edited.servers).toEqual([]);
    expect(edited.untrusted).toHaveLength(1);
    expect((await catalog.projectServers(project)).servers).toMatchObject([{ scope: 'project', trusted: false, source: '.mcp.json' }]);
  });

  it('lets a trusted project server override an app server of the same name, and reports file problems', async () => {
    const root = tempFolder();
    const project = { id: 'proj1', root };
    writeMcpJson(root, { shared: { command: 'project-version', cwd: 'tools' }, broken: { args: [] } });
    const catalog = new McpServerCatalog(createMemorySettings());
    catalog.addAppServer({ name: 'shared', command: 'app-version' });

    const untrusted = await catalog.serversForTask(project);
    expect(untrusted.servers).toEqual([{ config: { name: 'shared', command: 'app-version' }, disabledTools: [] }]);
    expect(untrusted.problems).toMatchObject([{ file: '.mcp.json', message: expect.stringContaining('mcpServers.broken.command') }]);

    catalog.trust.trust(project.id, untrusted.untrusted[0]!);
    const trusted = await catalog.serversForTask(project);
    expect(trusted.servers).toEqual([{ config: { name: 'shared', command: 'project-version', cwd: `${root}/tools` }, disabledTools: [] }]);

    catalog.setServerEnabled({ scope: 'project', projectId: project.id, name: 'shared' }, false);
    expect((await catalog.serversForTask(project)).servers).toEqual([{ config: { name: 'shared', command: 'app-version' }, disabledTools: [] }]);
  });
});
