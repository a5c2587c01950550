import type { SettingsStore } from '../store/setting-repository';

const trustKey = (projectId: string) => `project:${projectId}:workspaceScripts`;
/** Hashes kept per project: switching the checkout between branches with different configs does not ask again each time. */
const keptHashes = 20;

/**
 * A repository's workspace scripts run commands from content that may not be the user's own, so
 * they run only once the user trusted exactly that content: the sha256 of the config files
 * (`WorkspaceConfig.contentHash`), as a project's `.mcp.json` servers and the allow rules of
 * `.claude/settings.json` are trusted (`mcp/project-trust.ts`, `permissions/`). Any edit to the
 * config changes the hash and asks again.
 */
export class ScriptTrust {
  constructor(private readonly settings: SettingsStore) {}

  isTrusted(projectId: string, contentHash: string): boolean {
    return this.hashes(projectId).includes(contentHash);
  }

  trust(projectId: string, contentHash: string): void {
    const hashes = [contentHash, ...this.hashes(projectId).filter((hash) => hash !== contentHash)].slice(0, keptHashes);
    this.settings.set(trustKey(projectId), hashes);
  }

  forgetProject(projectId: string): void {
    this.settings.delete(trustKey(projectId));
  }

  private hashes(projectId: string): string[] {
    const stored = this.settings.get<unknown>(trustKey(projectId));
    return Array.isArray(stored) ? stored.filter((hash): hash is string => typeof hash === 'string') : [];
  }
}
