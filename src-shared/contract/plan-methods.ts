import { z } from 'zod';
import { idSchema } from './id';
import { pipelineSettingsSchema } from './pipelines';
import { planCommentSchema, planVersionSchema } from './plans';

const versionNumber = z.number().int().positive().max(1_000_000);
const delivery = z.enum(['started', 'queued', 'delivered']);

/** A path inside the repository, as the user types it; the host confines it to the workspace. */
const repositoryPath = z
  .string()
  .trim()
  .min(1, 'a path is required')
  .max(1024, 'path is too long')
  .refine((p) => !p.includes('\0'), 'path contains a NUL byte');

/**
 * The plan gate (R1) and project pipeline settings, spread into `methods`. Decisions apply to
 * the task's latest version while it is `proposed` (else `PLAN_NOT_PROPOSED`, saying why);
 * repeating the same decision (a double click) changes nothing and sends nothing twice.
 */
export const planMethods = {
  /** Every version of a plan task's plan, oldest first. */
  'plans.list': { input: z.object({ taskId: idSchema }).strict(), output: z.array(planVersionSchema) },
  'plans.get': { input: z.object({ taskId: idSchema, version: versionNumber }).strict(), output: planVersionSchema },
  /** A unified diff of the two versions' Markdown (`from` → `to`). */
  'plans.diff': {
    input: z.object({ taskId: idSchema, from: versionNumber, to: versionNumber }).strict(),
    output: z.object({ from: z.number(), to: z.number(), text: z.string(), added: z.number(), removed: z.number() }),
  },
  /** The task's status becomes `done` ("Plan v2 approved"). */
  'plans.approve': { input: z.object({ taskId: idSchema, version: versionNumber }).strict(), output: planVersionSchema },
  /**
   * A new version written by the user from `baseVersion` (which must be the latest, proposed);
   * `approve` approves it in the same step. The plan is validated by the host: an invalid one is
   * `INVALID_INPUT` with `details.issues` ({ path, message } per problem).
   */
  'plans.edit': {
    input: z.object({ taskId: idSchema, baseVersion: versionNumber, plan: z.unknown(), approve: z.boolean().default(false) }).strict(),
    output: planVersionSchema,
  },
  /**
   * The version becomes `changes_requested`; the message and the comments (each quoting the step
   * or criterion it targets) go to the plan task's agent as one message, which revises the plan.
   */
  'plans.requestChanges': {
    input: z
      .object({
        taskId: idSchema,
        version: versionNumber,
        message: z.string().trim().max(20_000).default(''),
        comments: z.array(planCommentSchema).max(200).default([]),
      })
      .strict()
      .refine((input) => input.message !== '' || input.comments.length > 0, 'say what to change: a message or at least one comment'),
    output: z.object({ version: planVersionSchema, delivery: delivery.nullable() }),
  },
  'plans.reject': {
    input: z.object({ taskId: idSchema, version: versionNumber, reason: z.string().trim().min(1, 'give a reason').max(10_000) }).strict(),
    output: planVersionSchema,
  },
  /**
   * Commits the approved (and latest) version's Markdown to `path` (default
   * `<plansDir>/<slug of the title>.md`) in the workspace of `workspaceTaskId`, touching no other file.
   */
  'plans.saveToRepository': {
    input: z.object({ taskId: idSchema, version: versionNumber, workspaceTaskId: idSchema, path: repositoryPath.optional() }).strict(),
    output: z.object({ path: z.string(), commit: z.string() }),
  },

  /** The project's gates and where plans are saved (defaults until set). */
  'projects.pipelineSettings.get': { input: z.object({ projectId: idSchema }).strict(), output: pipelineSettingsSchema },
  /** Changes the given fields only. */
  'projects.pipelineSettings.set': {
    input: z.object({ projectId: idSchema, settings: pipelineSettingsSchema.partial().strict() }).strict(),
    output: pipelineSettingsSchema,
  },
} as const;
