import { z } from 'zod';
import { idSchema, taskSchema } from './domain';
import { terminalIdSchema } from './terminals';
import { includeLinkModeSchema, workspaceSetupConfigSchema } from './workspace-setup';

const contentHash = z.string().regex(/^[0-9a-f]{64}$/, 'not a content hash');

/**
 * Workspace setup (W3), spread into `methods`: the project's scripts as they would run, trusting
 * them by content hash, Retry and Start anyway after a failed setup, and the Run button.
 */
export const workspaceSetupMethods = {
  /** The project's workspace config: source, each script's commands, include patterns, hash, trust. */
  'workspaces.setupConfig': { input: z.object({ projectId: idSchema }).strict(), output: workspaceSetupConfigSchema },
  /**
   * Trusts exactly the config content the user saw (`FILE_CHANGED` if it changed since); the
   * project's workspaces whose setup waited for it go on.
   */
  'workspaces.trustSetup': { input: z.object({ projectId: idSchema, contentHash }).strict(), output: workspaceSetupConfigSchema },
  /** Runs the setup again (files, then the script); the agent starts when it succeeds, if it has not yet. */
  'workspaces.retrySetup': { input: z.object({ taskId: idSchema }).strict(), output: taskSchema },
  /** After a failed or untrusted setup: the agent starts without it. */
  'workspaces.startWithoutSetup': { input: z.object({ taskId: idSchema }).strict(), output: taskSchema },
  /** Starts the project's run script in a terminal of the task (again: restarted); the terminal's id. */
  'workspaces.runScript': { input: z.object({ taskId: idSchema }).strict(), output: z.object({ terminalId: terminalIdSchema }) },
  /** How ignored files get into new worktrees of the project: copied, hard-linked or symlinked. */
  'workspaces.setSetupSettings': {
    input: z.object({ projectId: idSchema, linkMode: includeLinkModeSchema }).strict(),
    output: workspaceSetupConfigSchema,
  },
} as const;
