import { fail, ok, type Result } from '../../../src-shared/contract';
import type { Services } from '../../services';
import { serverKey, type McpServerConfig, type McpServerEntry, type ServerRef } from '../../services/mcp';
import type { HandlerTable } from '../dispatch';

type McpMethods = Extract<keyof HandlerTable, `mcp.${string}`>;

export function mcpHandlers(services: Services): Pick<HandlerTable, McpMethods> {
  const { hub, catalog } = services.mcp;

  const projectRef = (projectId: string) => {
    const project = services.projects.list().find((candidate) => candidate.id === projectId);
    return project ? { id: project.id, root: project.path } : undefined;
  };

  /** Finds a server's config by reference, for "test" and "trust". */
  const findConfig = async (ref: ServerRef): Promise<Result<McpServerConfig>> => {
    if (ref.scope === 'app') {
      const entry = catalog.appServers().find((candidate) => candidate.config.name === ref.name);
      return entry ? ok(entry.config) : fail('NOT_FOUND', `There is no MCP server named "${ref.name}".`);
    }
    const project = projectRef(ref.projectId);
    if (!project) return fail('NOT_FOUND', 'That project is not open in Braid.');
    const { servers } = await catalog.projectServers(project);
    const entry = servers.find((candidate) => candidate.config.name === ref.name);
    return entry ? ok(entry.config) : fail('NOT_FOUND', `The project declares no MCP server named "${ref.name}".`);
  };

  // A project's servers run once per task worktree (their cwd differs, so their keys do):
  // show the liveliest of them under the server's name.
  const liveliness = { ready: 3, connecting: 2, failed: 1, stopped: 0 } as const;
  const withStatus = (entry: McpServerEntry) => {
    const statuses = hub.statuses();
    const status =
      entry.scope === 'app'
        ? (statuses.find((candidate) => candidate.key === serverKey(entry.config)) ?? null)
        : (statuses
            .filter((candidate) => candidate.name === entry.config.name)
            .sort((a, b) => liveliness[b.state] - liveliness[a.state])[0] ?? null);
    return { ...entry, status };
  };

  return {
    'mcp.servers': async ({ projectId }) => {
      const servers = catalog.appServers().map(withStatus);
      if (!projectId) return ok({ servers, problems: [] });
      const project = projectRef(projectId);
      if (!project) return fail('NOT_FOUND', 'That project is not open in Braid.');
      const fromProject = await catalog.projectServers(project);
      return ok({ servers: [...servers, ...fromProject.servers.map(withStatus)], problems: fromProject.problems });
    },
    'mcp.addServer': ({ config }) => {
      const added = catalog.addAppServer(config);
      return added.ok ? ok({ name: added.data.name }) : added;
    },
    'mcp.updateServer': ({ name, config }) => {
      const updated = catalog.updateAppServer(name, config);
      return updated.ok ? ok({ name: updated.data.name }) : updated;
    },
    'mcp.removeServer': ({ name }) => catalog.removeAppServer(name),
    'mcp.setEnabled': ({ ref, enabled }) => {
      catalog.setServerEnabled(ref, enabled);
      return ok({ enabled });
    },
    'mcp.setToolEnabled': ({ ref, tool, enabled }) => {
      catalog.setToolEnabled(ref, tool, enabled);
      return ok({ enabled });
    },
    'mcp.trust': async ({ projectId, name }) => {
      const config = await findConfig({ scope: 'project', projectId, name });
      if (!config.ok) return config;
      catalog.trust.trust(projectId, config.data);
      return ok({ trusted: true as const });
    },
    'mcp.test': async ({ ref }) => {
      const config = await findConfig(ref);
      if (!config.ok) return config;
      // Testing a stdio server runs its command: a project's servers must be trusted first.
      if (ref.scope === 'project' && !catalog.trust.isTrusted(ref.projectId, config.data)) {
        return fail('UNSUPPORTED', `Trust "${ref.name}" from this project before testing it: testing runs its command.`);
      }
      return hub.testConnection(config.data);
    },
    'mcp.restart': ({ key }) => hub.restartServer(key),
  };
}
