// Types for external-agents.mjs, a plain JavaScript launcher shared with .ci/run.
export const claudeCodePackages: string[];
export function externalAgentsDir(env?: NodeJS.ProcessEnv): string;
export type ExternalAgentsInstall = { available: true; binDir: string; installed: boolean } | { available: false; reason: string };
export function ensureExternalAgents(
  packages?: string[],
  options?: { env?: NodeJS.ProcessEnv; dir?: string; programs?: string[]; timeoutMs?: number },
): ExternalAgentsInstall;
