import { configHash, type McpServerConfig } from './server-config';
import type { McpSettingsStore } from './settings-store';

const TRUST_KEY = 'mcp.projectTrust';

/** projectId → server name → hash of the config the user trusted. */
type TrustTable = Record<string, Record<string, string>>;

/**
 * A project's `.mcp.json` runs commands from a repository that may not be the user's own, so a
 * project server runs only after the user trusted exactly that config; editing the entry (a new
 * command, args, env or url) asks again.
 */
export class ProjectTrust {
  constructor(private readonly settings: McpSettingsStore) {}

  isTrusted(projectId: string, config: McpServerConfig): boolean {
    return this.table()[projectId]?.[config.name] === configHash(config);
  }

  trust(projectId: string, config: McpServerConfig): void {
    const table = this.table();
    table[projectId] = { ...table[projectId], [config.name]: configHash(config) };
    this.settings.set(TRUST_KEY, table);
  }

  revoke(projectId: string, serverName: string): void {
    const table = this.table();
    const project = { ...table[projectId] };
    delete project[serverName];
    table[projectId] = project;
    this.settings.set(TRUST_KEY, table);
  }

  /** Forgets everything about a removed project. */
  forgetProject(projectId: string): void {
    const table = this.table();
    delete table[projectId];
    this.settings.set(TRUST_KEY, table);
  }

  private table(): TrustTable {
    const stored = this.settings.get<TrustTable>(TRUST_KEY);
    return stored && typeof stored === 'object' ? { ...stored } : {};
  }
}
