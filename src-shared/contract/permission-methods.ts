import { z } from 'zod';
import { idSchema, taskRoleSchema } from './domain';
import {
  effectiveModeSchema,
  permissionExplanationSchema,
  permissionModeSchema,
  permissionsOverviewSchema,
  ruleListsSchema,
  ruleSourceIdSchema,
  sandboxSettingsSchema,
} from './permissions';

/**
 * Settings → Permissions and a task's mode, spread into `methods`. Rules are validated by the
 * host (`INVALID_INPUT` with `details.issues` per rule, `[kind, index]`); full auto where
 * commands cannot be sandboxed is `SANDBOX_UNAVAILABLE` until confirmed once per project.
 */
export const permissionMethods = {
  /** Defaults, every rule source in order (with its rules, trust and problems), the hard-deny list, the sandbox. */
  'permissions.overview': { input: z.object({ projectId: idSchema.optional() }).strict(), output: permissionsOverviewSchema },
  /** Replaces Braid's rules for every project (`app`) or for one project. */
  'permissions.saveRules': {
    input: z.object({ scope: z.enum(['app', 'project']), projectId: idSchema.optional(), rules: ruleListsSchema }).strict(),
    output: permissionsOverviewSchema,
  },
  'permissions.setRoleDefault': { input: z.object({ role: taskRoleSchema, mode: permissionModeSchema.nullable() }).strict(), output: permissionsOverviewSchema },
  'permissions.setProjectDefaults': {
    input: z.object({ projectId: idSchema, defaultMode: permissionModeSchema.nullable().optional(), sandbox: sandboxSettingsSchema.optional() }).strict(),
    output: permissionsOverviewSchema,
  },
  /** Trusts exactly the content the user saw (`FILE_CHANGED` if it changed since). */
  'permissions.trustFile': {
    input: z.object({ projectId: idSchema, source: ruleSourceIdSchema, contentHash: z.string().regex(/^[0-9a-f]{64}$/, 'not a content hash') }).strict(),
    output: permissionsOverviewSchema,
  },
  /** The user accepts full auto without a sandbox for this project (asked once). */
  'permissions.confirmUnsandboxed': { input: z.object({ projectId: idSchema }).strict(), output: permissionsOverviewSchema },
  /** "Try a command": which rule decides, and why, for a task or a new task of the project. */
  'permissions.explain': {
    input: z
      .object({
        projectId: idSchema,
        taskId: idSchema.optional(),
        mode: permissionModeSchema.optional(),
        role: taskRoleSchema.optional(),
        command: z.string().trim().min(1, 'type a command').max(20_000),
      })
      .strict(),
    output: permissionExplanationSchema,
  },
  /** A task's mode; null follows the project's or role's default. */
  'agent.setPermissionMode': {
    input: z.object({ taskId: idSchema, mode: permissionModeSchema.nullable() }).strict(),
    output: z.object({ permissionMode: permissionModeSchema.nullable(), mode: effectiveModeSchema }),
  },
} as const;
