import { z } from 'zod';
import { idSchema } from './id';

/**
 * The audit trail (C5): per project, append-only and hash-chained. Each entry's `hash` is the
 * sha256 of the previous entry's hash and the entry's canonical JSON, so an edited entry no
 * longer matches its hash and a deleted one breaks the chain after it.
 */
export const auditEntrySchema = z.object({
  projectId: idSchema,
  seq: z.number().int().positive(),
  at: z.number(),
  /** `user`, `agent`, `rule:<the rule that decided>`, or `braid`. */
  actor: z.string(),
  /** `task.created`, `tool.call`, `plan.approved`, `merge.landed`, … */
  type: z.string(),
  taskId: idSchema.nullable(),
  pipelineId: idSchema.nullable(),
  payload: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  entries: z.number().int().nonnegative(),
  /** The first entry that does not verify, and why (edited, missing before it, out of order). */
  firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).nullable(),
});
export type AuditVerification = z.infer<typeof auditVerificationSchema>;
