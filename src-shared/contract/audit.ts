import { z } from 'zod';
import { idSchema } from './id';

/**
 * What the audit trail records (C5). Runs: `run.started` (a message or the task's prompt
 * started it) and `run.resumed` (Resume); the rest say how a run ended. `approval.decided` is
 * the user's answer (actor `user`) or a rule's (actor `rule:<rule>`). Findings and plans are
 * written by the pipeline's services through the domain events they publish.
 */
export const auditEntryTypes = [
  'task.created',
  'task.deleted',
  'workspace.archived',
  'run.started',
  'run.resumed',
  'run.stopped',
  'run.interrupted',
  'run.paused',
  'run.finished',
  'run.failed',
  'tool.call',
  'approval.requested',
  'approval.decided',
  'plan.submitted',
  'plan.edited',
  'plan.approved',
  'plan.changes_requested',
  'plan.rejected',
  'plan.submission_refused',
  'plan.saved',
  'plan.implemented',
  'step.updated',
  'review.submitted',
  'finding.submitted',
  'finding.sent',
  'finding.dismissed',
  'finding.addressed',
  'finding.fixed',
  'finding.reopened',
  'gate.override',
  'merge.landed',
  'subagent.started',
  'subagent.finished',
  'pipeline.created',
  'pipeline.held',
  'check.finished',
] as const;
export type AuditEntryType = (typeof auditEntryTypes)[number];

/**
 * The audit trail: per project, append-only and hash-chained. Each entry's `hash` is
 * sha256(prevHash + "\n" + the RFC 8785 canonical JSON of { projectId, seq, at, actor, type,
 * taskId, pipelineId, payload }); the first entry's `prevHash` is 64 zeros. An edited entry no
 * longer matches its hash; a deleted one leaves a gap in `seq` and breaks the chain after it.
 */
export const auditEntrySchema = z.object({
  projectId: idSchema,
  seq: z.number().int().positive(),
  at: z.number(),
  /** `user`, `agent`, `rule:<the rule that decided>`, or `braid`. */
  actor: z.string(),
  /** One of `auditEntryTypes` (a string: entries written by a newer Braid still read). */
  type: z.string(),
  taskId: idSchema.nullable(),
  pipelineId: idSchema.nullable(),
  payload: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** How the chain is broken at its first broken entry: changed after it was written, entries removed, or entries swapped. */
export const auditProblemSchema = z.enum(['edited', 'missing', 'reordered']);
export type AuditProblem = z.infer<typeof auditProblemSchema>;

export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  /** Entries checked. */
  entries: z.number().int().nonnegative(),
  /** The first entry that does not verify, and why. */
  firstBroken: z.object({ seq: z.number().int(), problem: auditProblemSchema, reason: z.string() }).nullable(),
  /** The newest entry: keep its hash to prove later that nothing was cut off the end. */
  head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
});
export type AuditVerification = z.infer<typeof auditVerificationSchema>;

/** A project's whole trail, or a task's or a pipeline's entries in it (not both). */
const auditScopeFields = { projectId: idSchema, taskId: idSchema.optional(), pipelineId: idSchema.optional() };
const oneScope = (input: { taskId?: string; pipelineId?: string }) => input.taskId === undefined || input.pipelineId === undefined;
const oneScopeMessage = { message: 'give a taskId or a pipelineId, not both', path: ['pipelineId'] };

export const auditListInputSchema = z
  .object({ ...auditScopeFields, beforeSeq: z.number().int().positive().optional(), limit: z.number().int().min(1).max(500).default(100) })
  .strict()
  .refine(oneScope, oneScopeMessage);

export const auditExportInputSchema = z
  .object({ ...auditScopeFields, format: z.enum(['jsonl', 'markdown']) })
  .strict()
  .refine(oneScope, oneScopeMessage);
export type AuditExportFormat = z.infer<typeof auditExportInputSchema>['format'];

export const auditExportSchema = z.object({ fileName: z.string(), content: z.string(), entries: z.number().int().nonnegative() });
export type AuditExport = z.infer<typeof auditExportSchema>;
