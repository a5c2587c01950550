import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Task } from '../../../src-shared/contract';
import { mcpToolsForTask } from '../agents/mcp-tools';
import { createMemorySettings, McpServerCatalog, type ProjectRef } from '../mcp';
import { createTestHub, fixtureServerPath, isNotRunning } from '../mcp/testing/hub-harness';
import { tempFolder } from '../testing/temp-folders';
import { createMcpPromptCommands } from './mcp-prompts';
import type { PromptListingOptions } from './mcp-prompt-listing';

/**
 * The `/` menu's MCP prompts with real stdio servers (the fixture, which writes its pid to a
 * file each time it starts) declared in a real `.mcp.json` and trusted as the user would.
 */
function promptWorld(options: { listing?: PromptListingOptions; connectTimeoutMs?: number } = {}) {
  const root = tempFolder('braid-mcp-prompts-');
  const project: ProjectRef = { id: 'project001', root };
  const catalog = new McpServerCatalog(createMemorySettings());
  const { hub, log } = createTestHub({ ...(options.connectTimeoutMs !== undefined && { connectTimeoutMs: options.connectTimeoutMs }) });
  const prompts = createMcpPromptCommands({ hub, catalog }, options.listing);
  const startsFile = (server: string) => join(root, `${server}.starts`);

  return {
    project,
    hub,
    log,
    prompts,
    catalog,
    /** Writes `.mcp.json` (fixture servers by name, with extra arguments) and trusts every entry. */
    async declare(servers: Record<string, string[] | { command: string }>) {
      const entries = Object.fromEntries(
        Object.entries(servers).map(([name, spec]) => [
          name,
          Array.isArray(spec) ? { command: process.execPath, args: [fixtureServerPath, '--starts-file', startsFile(name), ...spec] } : spec,
        ]),
      );
      writeFileSync(join(root, '.mcp.json'), JSON.stringify({ mcpServers: entries }));
      for (const entry of (await catalog.projectServers(project)).servers) catalog.trust.trust(project.id, entry.config);
    },
    /** The pids of every process started for this server so far. */
    starts(server: string): number[] {
      const file = startsFile(server);
      return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map(Number) : [];
    },
    names: (listed: { commands: { name: string }[] }) => listed.commands.map((command) => command.name),
  };
}

describe('MCP prompts in the / menu', () => {
  it('starts a server once for repeated listings, and stops it again right after', async () => {
    const world = promptWorld();
    await world.declare({ fixture: [] });

    for (let opened = 0; opened < 3; opened++) {
      const listed = await world.prompts.list(world.project);
      expect(world.names(listed)).toEqual(['mcp__fixture__greet']);
      expect(listed.problems).toEqual([]);
    }
    expect(world.starts('fixture')).toHaveLength(1);
    expect(isNotRunning(world.starts('fixture')[0]!)).toBe(true);
    expect(world.hub.statuses()).toEqual([]);
  });

  it('asks again once the list is old, and at once when .mcp.json changes', async () => {
    let clock = 1_000_000;
    const world = promptWorld({ listing: { freshMs: 60_000, now: () => clock } });
    await world.declare({ fixture: [] });
    await world.prompts.list(world.project);
    clock += 59_000;
    await world.prompts.list(world.project);
    expect(world.starts('fixture')).toHaveLength(1);
    clock += 2_000;
    await world.prompts.list(world.project);
    expect(world.starts('fixture')).toHaveLength(2);

    // The user renames the server (and trusts the edited file): the next listing shows it.
    await world.declare({ docs: [] });
    expect(world.names(await world.prompts.list(world.project))).toEqual(['mcp__docs__greet']);
    expect(world.starts('docs')).toHaveLength(1);
    // The same server started with other arguments is another server too.
    await world.declare({ docs: ['--tools-page-size', '2'] });
    expect(world.names(await world.prompts.list(world.project))).toEqual(['mcp__docs__greet']);
    expect(world.starts('docs')).toHaveLength(2);
    expect(world.hub.statuses()).toEqual([]);
  });

  it('asks the server the task’s agent runs, and keeps that list after the agent stopped it', async () => {
    const world = promptWorld();
    await world.declare({ fixture: [] });
    const task = { id: 'task000001', projectId: world.project.id, workspace: { state: 'ready', path: world.project.root } } as Task;
    // What the agent does when a run starts: it holds the task's servers while the run lasts.
    const agentTools = await mcpToolsForTask(world.hub, world.catalog, task);
    const [agentServer] = world.starts('fixture');
    expect(agentServer).toBeDefined();

    expect(world.names(await world.prompts.list(world.project))).toEqual(['mcp__fixture__greet']);
    expect(world.names(await world.prompts.list(world.project))).toEqual(['mcp__fixture__greet']);
    expect(world.starts('fixture')).toEqual([agentServer]);
    expect(isNotRunning(agentServer!)).toBe(false);

    await agentTools.close();
    expect(isNotRunning(agentServer!)).toBe(true);
    expect(world.names(await world.prompts.list(world.project))).toEqual(['mcp__fixture__greet']);
    expect(world.starts('fixture')).toEqual([agentServer]);
  });

  it('names a server that cannot start, lists the others without waiting for a stuck one, and stops the stuck one', async () => {
    const world = promptWorld({ listing: { waitMs: 500 }, connectTimeoutMs: 1_500 });
    // The fixture was listed before (on a busy machine a node process may need longer than the wait to start).
    await world.declare({ fixture: [] });
    await vi.waitFor(async () => expect(world.names(await world.prompts.list(world.project))).toEqual(['mcp__fixture__greet']), { timeout: 15_000 });
    await world.declare({ fixture: [], dead: { command: 'braid-no-such-mcp-server' }, stuck: ['--hang'] });
    const stuckStopped = world.log.next((status) => status.name === 'stuck' && status.state === 'stopped');

    const first = await world.prompts.list(world.project);
    expect(world.names(first)).toEqual(['mcp__fixture__greet']);
    expect(first.problems).toEqual([
      { file: 'MCP server dead', message: expect.stringMatching(/^its prompts are not listed: it did not start: command not found/) },
      { file: 'MCP server stuck', message: expect.stringContaining('did not list its prompts within 0.5 s') },
    ]);

    // Listing again while the stuck server is still starting waits on that start, not a new process.
    const second = await world.prompts.list(world.project);
    expect(second.problems.map((problem) => problem.file)).toEqual(['MCP server dead', 'MCP server stuck']);
    expect(world.starts('stuck')).toHaveLength(1);

    // Its start times out, and it is stopped: no process is left behind.
    await stuckStopped;
    expect(isNotRunning(world.starts('stuck')[0]!)).toBe(true);
    const third = await world.prompts.list(world.project);
    expect(third.problems).toEqual([
      { file: 'MCP server dead', message: expect.stringContaining('command not found') },
      { file: 'MCP server stuck', message: expect.stringMatching(/^its prompts are not listed: it did not start: no answer within 2 s/) },
    ]);
    expect(world.names(third)).toEqual(['mcp__fixture__greet']);
    expect(world.starts('stuck')).toHaveLength(1);
    expect(world.starts('fixture')).toHaveLength(1);
    expect(world.hub.statuses()).toEqual([]);
  });
});
