import { z } from 'zod';
import { agentStateSchema } from './agent';
import { engineSchema } from './engines';
import { idSchema } from './id';
import { mergedStateSchema } from './merge';
import { planPinSchema } from './plans';
import { workspaceSetupSchema } from './workspace-setup';
import { subagentLinkSchema } from './subagents';

export { idSchema };

export const projectSchema = z.object({
  id: idSchema,
  name: z.string(),
  path: z.string(),
  defaultBranch: z.string().nullable(),
  currentBranch: z.string().nullable(),
  createdAt: z.number(),
});
export type Project = z.infer<typeof projectSchema>;

export const branchesSchema = z.object({
  current: z.string().nullable(),
  default: z.string().nullable(),
  local: z.array(z.string()),
});
export type Branches = z.infer<typeof branchesSchema>;

/** A branch name as the user types it (git's own rules are checked when it is resolved). */
export const branchNameSchema = z
  .string()
  .min(1)
  .max(255)
  .refine((b) => !b.startsWith('-') && !b.includes('\0') && !/[\s~^:?*[\\]/.test(b) && !b.includes('..'), 'not a valid branch name');

export const taskRoles = ['plan', 'implement', 'review'] as const;
export const taskRoleSchema = z.enum(taskRoles);
export type TaskRole = z.infer<typeof taskRoleSchema>;

/**
 * Lifecycle of a task's worktree. `missing`: recorded but gone from disk (can be recreated
 * from its branch). `deleting`: removal in progress.
 */
export const workspaceStates = ['creating', 'ready', 'failed', 'missing', 'deleting'] as const;
export const workspaceStateSchema = z.enum(workspaceStates);
export type WorkspaceState = z.infer<typeof workspaceStateSchema>;

export const workspaceSchema = z.object({
  id: idSchema,
  projectId: idSchema,
  path: z.string(),
  branch: z.string(),
  baseBranch: z.string(),
  baseCommit: z.string().nullable(),
  state: workspaceStateSchema,
  /** Why the workspace failed or went missing, in words a user can act on. */
  stateReason: z.string().nullable(),
  /** For `missing` workspaces: whether the branch still exists, so "recreate" can work. */
  branchExists: z.boolean(),
  /** Set once the workspace has been merged back into its base branch. */
  merged: mergedStateSchema.nullable(),
  /** Files brought over and the setup script, until the agent may start (W3). */
  setup: workspaceSetupSchema,
  /** `BRAID_PORT`: the first of the 10 ports reserved for the workspace; null until reserved. */
  portBase: z.number().int().nullable(),
});
export type Workspace = z.infer<typeof workspaceSchema>;

export const taskSchema = z.object({
  id: idSchema,
  projectId: idSchema,
  title: z.string(),
  prompt: z.string(),
  role: taskRoleSchema,
  createdAt: z.number(),
  workspace: workspaceSchema,
  agent: agentStateSchema,
  /** The pipeline the task is a stage of. */
  pipelineId: idSchema.nullable(),
  /** Implement tasks started from a plan: the approved version and the steps they implement. */
  planPin: planPinSchema.nullable(),
  /** Review tasks: the task whose workspace they review (and share). */
  reviewedTaskId: idSchema.nullable(),
  /** Who does the work: Braid's own agent, or an external agent over ACP (chosen at creation). */
  engine: engineSchema,
  /** A subagent's task: the task whose `delegate` call started it (it shares that task's workspace). */
  parentTaskId: idSchema.nullable(),
  /** A subagent's task: which definition it runs, its depth, and the call it answers. */
  subagent: subagentLinkSchema.nullable(),
});
export type Task = z.infer<typeof taskSchema>;

/** A folder in Braid's worktree area that no task owns (left over from a crash or a copy). */
export const orphanSchema = z.object({
  projectId: idSchema,
  path: z.string(),
  /** The branch checked out there, when git still knows the worktree. */
  branch: z.string().nullable(),
});
export type Orphan = z.infer<typeof orphanSchema>;

/** Why a delete was refused: the work that would be lost. */
export const workAtRiskSchema = z.object({
  uncommitted: z.array(z.object({ path: z.string(), status: z.string() })),
  unmergedCommits: z.array(z.object({ sha: z.string(), subject: z.string() })),
});
export type WorkAtRisk = z.infer<typeof workAtRiskSchema>;

/** Why a delete or archive was refused with `WORKSPACE_SHARED`: the tasks that share the workspace and would go with it. */
export const workspaceSharedSchema = z.object({
  tasks: z.array(z.object({ id: idSchema, title: z.string(), role: taskRoleSchema })),
});
export type SharingTask = z.infer<typeof workspaceSharedSchema>['tasks'][number];

export const appInfoSchema = z.object({
  version: z.string(),
  mode: z.enum(['desktop', 'web']),
  dataDir: z.string(),
  platform: z.string(),
  /** Whether a native folder picker is available (desktop only). */
  canPickFolder: z.boolean(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/** The database refuses to store what agents produce (disk full, locked, read-only): kept in memory meanwhile. */
export const storageTroubleSchema = z.object({
  message: z.string(),
  /** Rows waiting in memory to be written. */
  waiting: z.number().int().nonnegative(),
  since: z.number(),
});
export type StorageTroubleInfo = z.infer<typeof storageTroubleSchema>;
