import { z } from 'zod';
import { idSchema } from './id';

/**
 * The project's check command (R4) as it ran in one implement task's workspace before its
 * review. `running` until it ends; `passed` (exit 0), `failed` (another exit code, or it timed
 * out), `error` (it could not run, or Braid stopped while it ran), `cancelled` (the implementer
 * started working again, so the result would be about work that no longer exists).
 */
export const checkStatuses = ['running', 'passed', 'failed', 'error', 'cancelled'] as const;
export const checkStatusSchema = z.enum(checkStatuses);
export type CheckStatus = z.infer<typeof checkStatusSchema>;

export const pipelineCheckSchema = z.object({
  id: idSchema,
  /** The implement task whose workspace it ran in. */
  taskId: idSchema,
  command: z.string(),
  status: checkStatusSchema,
  exitCode: z.number().int().nullable(),
  /** The end of its output (plain text, at most ~16k characters: the first and last parts kept). */
  output: z.string(),
  /** Why it failed to run, timed out or was cancelled; null when it simply ran. */
  reason: z.string().nullable(),
  /** Whether it ran in the sandbox (writes only to the worktree and a private /tmp). */
  sandboxed: z.boolean(),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
});
export type PipelineCheck = z.infer<typeof pipelineCheckSchema>;

/**
 * The check gate of one workspace's merge: `blocked` while the latest check of the task did not
 * pass (still running, failed, could not run, cancelled) and the project still has a check
 * command; `clear` otherwise (passed, no check ran on this task, or no check command any more).
 * A blocked gate needs "merge anyway" with a reason, like the review gate.
 */
export const checkGateStateSchema = z.object({
  verdict: z.enum(['clear', 'blocked']),
  message: z.string().nullable(),
  check: pipelineCheckSchema.nullable(),
});
export type CheckGateState = z.infer<typeof checkGateStateSchema>;
