import { z } from 'zod';
import { branchNameSchema, idSchema } from './domain';
import { pipelineCheckSchema } from './pipeline-checks';
import { pipelineSummarySchema, pipelineViewSchema } from './pipeline-view';
import { modelRefSchema } from './settings';

/**
 * Pipelines (R4), spread into `methods`: a goal taken through plan → implement ×n → review ×n
 * → merged, each stage a task; the project's gates hold it where the user decides.
 */
export const pipelineMethods = {
  /**
   * Starts a pipeline: stores it and its plan task (the goal as its prompt, role plan), whose
   * agent starts once the worktree is ready. Approving its plan creates the implement tasks (one
   * per parallel group); an implement task ready for review gets its check and its review (at
   * once with the project's auto review, else on the user's click). Models: a model ref per
   * role, or null for the role's default.
   */
  'pipelines.create': {
    input: z
      .object({
        projectId: idSchema,
        goal: z.string().trim().min(1, 'say what the pipeline should achieve').max(20_000, 'the goal is at most 20000 characters'),
        title: z.string().trim().min(1, 'the title must not be blank').max(200, 'the title is at most 200 characters').optional(),
        baseBranch: branchNameSchema.optional(),
        models: z
          .object({ plan: modelRefSchema.nullable().default(null), implement: modelRefSchema.nullable().default(null), review: modelRefSchema.nullable().default(null) })
          .strict()
          .default({ plan: null, implement: null, review: null }),
      })
      .strict(),
    output: pipelineViewSchema,
  },
  /** The project's pipelines, oldest first, each with its stage. */
  'pipelines.list': { input: z.object({ projectId: idSchema }).strict(), output: z.array(pipelineSummarySchema) },
  /** One pipeline's stages. */
  'pipelines.get': { input: z.object({ pipelineId: idSchema }).strict(), output: pipelineViewSchema },
  /**
   * Runs the project's check command again in the implement task's workspace (the one before
   * its review); with auto review on, a passing check then starts (or reruns) the review.
   * `BUSY` while its agent works or a check of it runs; `INVALID_INPUT` without a check command.
   */
  'pipelines.runCheck': { input: z.object({ taskId: idSchema }).strict(), output: pipelineCheckSchema },
} as const;
