import { isAbsolute, resolve } from 'node:path';
import { fail, ok, type Result } from '../../../src-shared/contract/result';
import type { HubServer } from './hub-types';
import { readProjectMcpConfig, type ProjectConfigFile, type ProjectConfigProblem } from './project-config';
import { ProjectTrust } from './project-trust';
import { isStdioConfig, parseServerConfig, type McpServerConfig } from './server-config';
import type { McpSettingsStore } from './settings-store';

const APP_SERVERS_KEY = 'mcp.appServers';
const TOGGLES_KEY = 'mcp.toggles';

export type ServerRef = { scope: 'app'; name: string } | { scope: 'project'; projectId: string; name: string };

export interface ProjectRef {
  id: string;
  /** The project's root checkout, where `.mcp.json` lives and project stdio servers run. */
  root: string;
}

export interface McpServerEntry {
  scope: 'app' | 'project';
  config: McpServerConfig;
  enabled: boolean;
  disabledTools: string[];
  /** Always true for app servers (the user typed them). */
  trusted: boolean;
  /** For project servers: the file that declared it. */
  source?: ProjectConfigFile;
}

interface Toggle {
  enabled?: boolean;
  disabledTools?: string[];
}

/**
 * Where the user's MCP servers come from: app-level servers kept in settings, plus the project's
 * files once trusted; with per-server and per-tool switches. Pure bookkeeping: running them is
 * McpHub's job, fed by `serversForTask`.
 */
export class McpServerCatalog {
  readonly trust: ProjectTrust;

  constructor(private readonly settings: McpSettingsStore) {
    this.trust = new ProjectTrust(settings);
  }

  appServers(): McpServerEntry[] {
    return this.storedAppServers().map((config) => ({
      scope: 'app',
      config,
      ...this.toggle({ scope: 'app', name: config.name }),
      trusted: true,
    }));
  }

  addAppServer(input: unknown): Result<McpServerConfig> {
    const parsed = parseAppServer(input);
    if (!parsed.ok) return parsed;
    const servers = this.storedAppServers();
    if (servers.some((server) => server.name === parsed.data.name)) {
      return fail('ALREADY_ADDED', `an MCP server named "${parsed.data.name}" already exists`);
    }
    this.settings.set(APP_SERVERS_KEY, [...servers, parsed.data]);
    return parsed;
  }

  /** Replaces the server called `name`; the new config may carry a new name (switches follow it). */
  updateAppServer(name: string, input: unknown): Result<McpServerConfig> {
    const parsed = parseAppServer(input);
    if (!parsed.ok) return parsed;
    const servers = this.storedAppServers();
    const index = servers.findIndex((server) => server.name === name);
    if (index < 0) return fail('NOT_FOUND', `no MCP server named "${name}"`);
    if (parsed.data.name !== name && servers.some((server) => server.name === parsed.data.name)) {
      return fail('ALREADY_ADDED', `an MCP server named "${parsed.data.name}" already exists`);
    }
    servers[index] = parsed.data;
    this.settings.set(APP_SERVERS_KEY, servers);
    if (parsed.data.name !== name) {
      const toggles = this.toggles();
      const moved = toggles[toggleKey({ scope: 'app', name })];
      delete toggles[toggleKey({ scope: 'app', name })];
      if (moved) toggles[toggleKey({ scope: 'app', name: parsed.data.name })] = moved;
      this.settings.set(TOGGLES_KEY, toggles);
    }
    return parsed;
  }

  removeAppServer(name: string): Result<{ removed: true }> {
    const servers = this.storedAppServers();
    if (!servers.some((server) => server.name === name)) return fail('NOT_FOUND', `no MCP server named "${name}"`);
    this.settings.set(
      APP_SERVERS_KEY,
      servers.filter((server) => server.name !== name),
    );
    const toggles = this.toggles();
    delete toggles[toggleKey({ scope: 'app', name })];
    this.settings.set(TOGGLES_KEY, toggles);
    return ok({ removed: true });
  }

  async projectServers(project: ProjectRef): Promise<{ servers: McpServerEntry[]; problems: ProjectConfigProblem[] }> {
    const { servers, problems } = await readProjectMcpConfig(project.root);
    return {
      servers: servers.map(({ config, source }) => ({
        scope: 'project',
        config,
        ...this.toggle({ scope: 'project', projectId: project.id, name: config.name }),
        trusted: this.trust.isTrusted(project.id, config),
        source,
      })),
      problems,
    };
  }

  setServerEnabled(ref: ServerRef, enabled: boolean): void {
    this.updateToggle(ref, (toggle) => ({ ...toggle, enabled }));
  }

  setToolEnabled(ref: ServerRef, tool: string, enabled: boolean): void {
    this.updateToggle(ref, (toggle) => {
      const others = (toggle.disabledTools ?? []).filter((name) => name !== tool);
      return { ...toggle, disabledTools: enabled ? others : [...others, tool] };
    });
  }

  /**
   * The servers a task in `project` may use: enabled app servers plus enabled, trusted project
   * servers (a project server overrides an app server of the same name, unless switched off).
   * Project stdio servers
   * run in the project root (a relative `cwd` is taken from there). Untrusted ones are listed so
   * the UI can ask.
   */
  async serversForTask(project?: ProjectRef): Promise<{
    servers: HubServer[];
    untrusted: McpServerConfig[];
    problems: ProjectConfigProblem[];
  }> {
    const byName = new Map<string, HubServer>();
    for (const entry of this.appServers()) {
      if (entry.enabled) byName.set(entry.config.name, { config: entry.config, disabledTools: entry.disabledTools });
    }
    const untrusted: McpServerConfig[] = [];
    let problems: ProjectConfigProblem[] = [];
    if (project) {
      const found = await this.projectServers(project);
      problems = found.problems;
      for (const entry of found.servers) {
        if (!entry.trusted) {
          untrusted.push(entry.config);
        } else if (entry.enabled) {
          byName.set(entry.config.name, { config: inProjectRoot(entry.config, project.root), disabledTools: entry.disabledTools });
        }
      }
    }
    return { servers: [...byName.values()], untrusted, problems };
  }

  private storedAppServers(): McpServerConfig[] {
    const stored = this.settings.get<unknown[]>(APP_SERVERS_KEY);
    if (!Array.isArray(stored)) return [];
    // Entries were validated when saved; one that no longer parses (hand-edited) is skipped, not fatal.
    return stored.flatMap((raw) => {
      const { name, ...body } = (raw ?? {}) as { name?: unknown };
      const parsed = parseServerConfig(String(name), body, 'stored server');
      return parsed.ok ? [parsed.data] : [];
    });
  }

  private toggle(ref: ServerRef): { enabled: boolean; disabledTools: string[] } {
    const stored = this.toggles()[toggleKey(ref)];
    return { enabled: stored?.enabled ?? true, disabledTools: stored?.disabledTools ?? [] };
  }

  private updateToggle(ref: ServerRef, change: (toggle: Toggle) => Toggle): void {
    const toggles = this.toggles();
    toggles[toggleKey(ref)] = change(toggles[toggleKey(ref)] ?? {});
    this.settings.set(TOGGLES_KEY, toggles);
  }

  private toggles(): Record<string, Toggle> {
    const stored = this.settings.get<Record<string, Toggle>>(TOGGLES_KEY);
    return stored && typeof stored === 'object' ? { ...stored } : {};
  }
}

function toggleKey(ref: ServerRef): string {
  return ref.scope === 'app' ? `app:${ref.name}` : `project:${ref.projectId}:${ref.name}`;
}

function parseAppServer(input: unknown): Result<McpServerConfig> {
  if (!input || typeof input !== 'object') return fail('INVALID_INPUT', 'an MCP server must be an object');
  const { name, ...body } = input as { name?: unknown };
  if (typeof name !== 'string') return fail('INVALID_INPUT', 'name: required');
  return parseServerConfig(name, body, name);
}

function inProjectRoot(config: McpServerConfig, root: string): McpServerConfig {
  if (!isStdioConfig(config)) return config;
  const cwd = config.cwd === undefined ? root : isAbsolute(config.cwd) ? config.cwd : resolve(root, config.cwd);
  return { ...config, cwd };
}
