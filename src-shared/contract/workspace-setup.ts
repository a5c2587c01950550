import { z } from 'zod';

/**
 * Where a repository's workspace scripts come from: Braid's own `.braid/workspace.json`, or a
 * file of another tool imported as it is (Conductor's two formats, Superset, Cursor, Emdash).
 */
export const workspaceConfigKinds = ['braid', 'conductor-toml', 'conductor-json', 'superset', 'cursor', 'emdash'] as const;
export const workspaceConfigKindSchema = z.enum(workspaceConfigKinds);
export type WorkspaceConfigKind = z.infer<typeof workspaceConfigKindSchema>;

export const workspaceConfigSourceSchema = z.object({
  kind: workspaceConfigKindSchema,
  /** The files read, relative to the repository (Conductor's TOML is layered over two). */
  files: z.array(z.string()),
});
export type WorkspaceConfigSource = z.infer<typeof workspaceConfigSourceSchema>;

/**
 * A workspace's setup, from creation until the agent may start.
 * - `pending`: the worktree is being made.
 * - `preparing`: the port block is reserved, the config read, the ignored files copied.
 * - `needs_trust`: the setup script waits for the user to trust the config (by content hash).
 * - `running`: the setup script runs.
 * - `failed`: it exited non-zero, could not start, the config is malformed, or Braid stopped meanwhile.
 * - `succeeded`: it exited 0. `none`: there is no setup script. `skipped`: the user started the agent without it.
 * The agent starts only after `succeeded`, `none` or `skipped`.
 */
export const workspaceSetupStates = ['pending', 'preparing', 'needs_trust', 'running', 'failed', 'succeeded', 'none', 'skipped'] as const;
export const workspaceSetupStateSchema = z.enum(workspaceSetupStates);
export type WorkspaceSetupState = z.infer<typeof workspaceSetupStateSchema>;

export const workspaceSetupSchema = z.object({
  state: workspaceSetupStateSchema,
  /** The config the scripts came from; null when the repository has none (or it was not read yet). */
  source: workspaceConfigSourceSchema.nullable(),
  /** Why it failed, or what it waits for, in words a user can act on. */
  reason: z.string().nullable(),
  exitCode: z.number().int().nullable(),
  /** Ignored files brought over from the main checkout, and those left out (with why, in the timeline). */
  files: z.object({ copied: z.number().int().nonnegative(), skipped: z.number().int().nonnegative() }).nullable(),
});
export type WorkspaceSetup = z.infer<typeof workspaceSetupSchema>;

/** Statuses in which the agent may start: setup done, not needed, or skipped by the user. */
const agentMayStart: readonly WorkspaceSetupState[] = ['succeeded', 'none', 'skipped'];

/** Why the agent cannot start in this workspace yet, or null when it can. */
export function setupBlocksAgent(setup: WorkspaceSetup): string | null {
  if (agentMayStart.includes(setup.state)) return null;
  switch (setup.state) {
    case 'needs_trust':
      return 'The workspace setup waits for you to trust the repository’s scripts (or start without setup).';
    case 'failed':
      return `The workspace setup failed${setup.reason ? `: ${setup.reason}` : ''}. Retry it, or start the agent anyway.`;
    default:
      return 'The workspace is being set up; the agent starts when setup has finished.';
  }
}

/** How the ignored files matching the include patterns get into a new worktree. */
export const includeLinkModes = ['copy', 'hardlink', 'symlink'] as const;
export const includeLinkModeSchema = z.enum(includeLinkModes);
export type IncludeLinkMode = z.infer<typeof includeLinkModeSchema>;

export const workspaceScriptKinds = ['setup', 'run', 'archive'] as const;
export const workspaceScriptKindSchema = z.enum(workspaceScriptKinds);
export type WorkspaceScriptKind = z.infer<typeof workspaceScriptKindSchema>;

/** A project's workspace config as the user is shown it before trusting it: exactly what would run. */
export const workspaceSetupConfigSchema = z.object({
  source: workspaceConfigSourceSchema.nullable(),
  /** A config file that exists but cannot be used, naming the file and the entry. */
  problem: z.string().nullable(),
  /** Each script's command lines, run in order by the user's shell; empty when there is none. */
  scripts: z.object({ setup: z.array(z.string()), run: z.array(z.string()), archive: z.array(z.string()), test: z.array(z.string()) }),
  runMode: z.enum(['concurrent', 'nonconcurrent']),
  /** Gitignore patterns of ignored files to bring over, and the file they came from. */
  include: z.object({ from: z.string().nullable(), patterns: z.array(z.string()) }),
  /** Extra variables naming ports of the workspace's block: name → offset (0–9). */
  ports: z.record(z.string(), z.number().int()),
  /** sha256 of the config files' bytes, what trusting records; null without a config. */
  contentHash: z.string().nullable(),
  trusted: z.boolean(),
  linkMode: includeLinkModeSchema,
});
export type WorkspaceSetupConfig = z.infer<typeof workspaceSetupConfigSchema>;

/** How a workspace script ended, for the timeline and the delete's answer. */
export const scriptOutcomeSchema = z.enum(['succeeded', 'failed', 'stopped']);
export type ScriptOutcome = z.infer<typeof scriptOutcomeSchema>;

/** What a workspace script did: how it ended, its exit code, and the end of its output as plain text. */
export const scriptReportSchema = z.object({
  script: workspaceScriptKindSchema,
  /** `not_trusted`: it did not run, the config is not trusted in its current content (a forced delete goes on without it). */
  outcome: z.enum(['succeeded', 'failed', 'stopped', 'not_trusted']),
  exitCode: z.number().int().nullable(),
  output: z.string(),
});
export type ScriptReport = z.infer<typeof scriptReportSchema>;
