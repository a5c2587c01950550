import { z } from 'zod';
import { idSchema } from './id';
import { modelRefSchema } from './settings';

/**
 * Pipelines (R4): plan → implement ×n → review ×n → merged, as linked tasks. The gates are the
 * project's settings: the plan's approval always; the review gate `off`, `warn` (the merge says
 * so) or `block` (no merge while a P0/P1 finding is open unless the user merges anyway with a
 * reason); an optional check command run in the workspace before its review.
 */
export const reviewGateModes = ['off', 'warn', 'block'] as const;
export const reviewGateModeSchema = z.enum(reviewGateModes);
export type ReviewGateMode = z.infer<typeof reviewGateModeSchema>;

export const pipelineSettingsSchema = z.object({
  reviewGate: reviewGateModeSchema,
  /** Start a review task as soon as an implement task is ready for review. */
  autoReview: z.boolean(),
  checkCommand: z.string().trim().min(1).max(2000).nullable(),
  /** Where "Save to repository" writes an approved plan, relative to the repository root. */
  plansDir: z.string().trim().min(1).max(512),
});
export type PipelineSettings = z.infer<typeof pipelineSettingsSchema>;

export const defaultPipelineSettings: PipelineSettings = { reviewGate: 'warn', autoReview: true, checkCommand: null, plansDir: 'docs/plans' };

export const pipelineModelsSchema = z.object({
  plan: modelRefSchema.nullable(),
  implement: modelRefSchema.nullable(),
  review: modelRefSchema.nullable(),
});
export type PipelineModels = z.infer<typeof pipelineModelsSchema>;

export const pipelineSchema = z.object({
  id: idSchema,
  projectId: idSchema,
  title: z.string(),
  goal: z.string(),
  models: pipelineModelsSchema,
  createdAt: z.number(),
});
export type Pipeline = z.infer<typeof pipelineSchema>;
