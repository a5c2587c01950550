import { fail, ok, type Result } from '../../../src-shared/contract/result';
import { serverKey } from './connection';
import { McpHub } from './hub';
import type { McpServerStatus } from './hub-types';
import type { ProjectConfigProblem } from './project-config';
import { McpServerCatalog, type McpServerEntry, type ProjectRef, type ServerRef } from './server-catalog';
import type { McpServerConfig } from './server-config';
import type { McpSettingsStore } from './settings-store';

export interface McpServiceOptions {
  settings: McpSettingsStore;
  /** Where `${VAR}` in server configs is looked up (default: the process environment). */
  env?: Record<string, string | undefined>;
  /** The projects open in Braid: a project's servers are declared in its root checkout. */
  projects: { get(projectId: string): { id: string; path: string } | undefined };
  onStatus(status: McpServerStatus): void;
}

export type McpServerListing = McpServerEntry & { status: McpServerStatus | null };

export type McpService = ReturnType<typeof createMcpService>;

// A project's servers run once per task worktree (their cwd differs, so their keys do): the
// liveliest of them is shown under the server's name.
const liveliness = { ready: 3, connecting: 2, failed: 1, stopped: 0 } as const;

/**
 * The user's MCP servers as Settings and the agents use them: the catalog (app servers, a
 * project's `.mcp.json` servers, trust, switches) and the hub that runs them. A project's
 * server runs a command from the repository, so testing it needs the user's trust first,
 * as running it for an agent does.
 */
export function createMcpService(options: McpServiceOptions) {
  const catalog = new McpServerCatalog(options.settings);
  const hub = new McpHub({ env: options.env, onStatus: options.onStatus });

  const projectRef = (projectId: string): ProjectRef | undefined => {
    const project = options.projects.get(projectId);
    return project ? { id: project.id, root: project.path } : undefined;
  };
  const unknownProject = () => fail('NOT_FOUND', 'That project is not open in Braid.');

  /** A server's config by reference, for "test" and "trust". */
  const findConfig = async (ref: ServerRef): Promise<Result<McpServerConfig>> => {
    if (ref.scope === 'app') {
      const entry = catalog.appServers().find((candidate) => candidate.config.name === ref.name);
      return entry ? ok(entry.config) : fail('NOT_FOUND', `There is no MCP server named "${ref.name}".`);
    }
    const project = projectRef(ref.projectId);
    if (!project) return unknownProject();
    const { servers } = await catalog.projectServers(project);
    const entry = servers.find((candidate) => candidate.config.name === ref.name);
    return entry ? ok(entry.config) : fail('NOT_FOUND', `The project declares no MCP server named "${ref.name}".`);
  };

  const withStatus = (entry: McpServerEntry): McpServerListing => {
    const statuses = hub.statuses();
    const status =
      entry.scope === 'app'
        ? (statuses.find((candidate) => candidate.key === serverKey(entry.config)) ?? null)
        : (statuses.filter((candidate) => candidate.name === entry.config.name).sort((a, b) => liveliness[b.state] - liveliness[a.state])[0] ?? null);
    return { ...entry, status };
  };

  return {
    /** The running side, for the agents' toolsets. */
    hub,
    /** The configured side, for the agents' toolsets. */
    catalog,

    /** App servers, and the project's servers (with the problems of its config files) when a project is given. */
    async servers(projectId?: string): Promise<Result<{ servers: McpServerListing[]; problems: ProjectConfigProblem[] }>> {
      const servers = catalog.appServers().map(withStatus);
      if (!projectId) return ok({ servers, problems: [] });
      const project = projectRef(projectId);
      if (!project) return unknownProject();
      const fromProject = await catalog.projectServers(project);
      return ok({ servers: [...servers, ...fromProject.servers.map(withStatus)], problems: fromProject.problems });
    },

    addServer(config: unknown): Result<{ name: string }> {
      const added = catalog.addAppServer(config);
      return added.ok ? ok({ name: added.data.name }) : added;
    },

    updateServer(name: string, config: unknown): Result<{ name: string }> {
      const updated = catalog.updateAppServer(name, config);
      return updated.ok ? ok({ name: updated.data.name }) : updated;
    },

    removeServer: (name: string): Result<{ removed: true }> => catalog.removeAppServer(name),

    setEnabled(ref: ServerRef, enabled: boolean): Result<{ enabled: boolean }> {
      catalog.setServerEnabled(ref, enabled);
      return ok({ enabled });
    },

    setToolEnabled(ref: ServerRef, tool: string, enabled: boolean): Result<{ enabled: boolean }> {
      catalog.setToolEnabled(ref, tool, enabled);
      return ok({ enabled });
    },

    /** Runs a project's server from now on (until its config changes). */
    async trust(projectId: string, name: string): Promise<Result<{ trusted: true }>> {
      const config = await findConfig({ scope: 'project', projectId, name });
      if (!config.ok) return config;
      catalog.trust.trust(projectId, config.data);
      return ok({ trusted: true as const });
    },

    /** Connects, lists tools, disconnects. A project's server must be trusted first: testing runs its command. */
    async test(ref: ServerRef): Promise<Result<{ tools: { name: string; description: string }[] }>> {
      const config = await findConfig(ref);
      if (!config.ok) return config;
      if (ref.scope === 'project' && !catalog.trust.isTrusted(ref.projectId, config.data)) {
        return fail('UNSUPPORTED', `Trust "${ref.name}" from this project before testing it: testing runs its command.`);
      }
      return hub.testConnection(config.data);
    },

    restart: (key: string): Promise<Result<McpServerStatus>> => hub.restartServer(key),

    /** Stops every server with its process tree. */
    close: (): Promise<void> => hub.close(),
  };
}
