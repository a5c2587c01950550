import { z } from 'zod';
import { idSchema } from './id';
import { mergeRequestSchema, mergeStrategySchema } from './merge';

/**
 * The merge queue (D6) as the renderer sees it: one queue per project and target branch. Each
 * entry is a task with what the merge dialog would send (strategy, files or hunks, message,
 * uncommitted files or not); Braid builds the candidate (the target's tip plus the entry) in a
 * scratch worktree of its own, runs the gate command there, and moves the target by
 * compare-and-swap only when the gate passed on exactly that tree.
 */

/**
 * `queued`: waiting (again, after the queue moved on or Braid restarted); `building`: the
 * candidate is being made; `testing`: its gate runs; `landing`: the target is being moved;
 * `landed` and `ejected` are final.
 */
export const queueEntryStates = ['queued', 'building', 'testing', 'landing', 'landed', 'ejected'] as const;
export const queueEntryStateSchema = z.enum(queueEntryStates);
export type QueueEntryState = z.infer<typeof queueEntryStateSchema>;

/** Why an entry left the queue without landing. */
export const ejectionKinds = ['conflict', 'gate-failed', 'gate-timeout', 'review-gate', 'nothing-to-merge', 'invalid'] as const;
export const ejectionKindSchema = z.enum(ejectionKinds);
export type EjectionKind = z.infer<typeof ejectionKindSchema>;

export const queueEjectionSchema = z.object({
  kind: ejectionKindSchema,
  /** In words, e.g. "The gate `npm test` failed (exit 1) on top of main at 1a2b3c4d." */
  message: z.string(),
  /** The conflicted files (conflict), else empty. */
  files: z.array(z.string()),
  /** The gate's exit code (gate-failed); null otherwise. */
  exitCode: z.number().int().nullable(),
  /** The command that failed or timed out (the gate, or the workspace setup before it); null otherwise. */
  command: z.string().nullable().default(null),
  /** The target commit the candidate was built on. */
  targetCommit: z.string().nullable(),
});
export type QueueEjection = z.infer<typeof queueEjectionSchema>;

/** What the entry asks for: the merge dialog's choices, without the task (the entry names it). */
export const queueEntryOptionsSchema = mergeRequestSchema.omit({ taskId: true });
export type QueueEntryOptions = z.infer<typeof queueEntryOptionsSchema>;

export const queueEntrySchema = z.object({
  id: idSchema,
  projectId: idSchema,
  targetBranch: z.string(),
  taskId: idSchema,
  taskTitle: z.string(),
  strategy: mergeStrategySchema,
  options: queueEntryOptionsSchema,
  state: queueEntryStateSchema,
  /** Being built or tested on top of the entry ahead of it, before that one landed (speculative depth 2). */
  speculative: z.boolean(),
  /** How many times its candidate was built (a rebuild after the queue moved on, a restart, a resume). */
  attempts: z.number().int().nonnegative(),
  enqueuedAt: z.number(),
  /** When the current (or last) attempt started; null while it never ran. */
  startedAt: z.number().nullable(),
  /** When it landed or was ejected. */
  finishedAt: z.number().nullable(),
  /** The commit it is (or was last) built on, and the candidate commit once built. */
  targetCommit: z.string().nullable(),
  candidateCommit: z.string().nullable(),
  ejection: queueEjectionSchema.nullable(),
  /** Once landed: the target before and after. */
  landed: z.object({ previousCommit: z.string(), newCommit: z.string() }).nullable(),
  /** Whether a gate log exists (read it with `mergeQueue.log`). */
  hasLog: z.boolean(),
});
export type QueueEntry = z.infer<typeof queueEntrySchema>;

/**
 * The workspace config on the target's tip as the user trusts it from the queue panel
 * (`mergeQueue.trustGate`): what trusting records is `contentHash`, the whole content of
 * `files`, so every script in them is shown, not only the ones the queue runs.
 */
export const gateTrustSchema = z.object({
  /** sha256 of the config files as committed on the target's tip (plus the user's own local file, where the tool has one). */
  contentHash: z.string(),
  /** The config files that content is, e.g. `.braid/workspace.json`, or `conductor.json` + `.conductor/settings.local.toml`. */
  files: z.array(z.string()),
  /** Each script's command lines in full, run in order; empty when there is none. The queue runs `setup`, and `test` when it is the gate. */
  scripts: z.object({ setup: z.array(z.string()), test: z.array(z.string()), run: z.array(z.string()), archive: z.array(z.string()) }),
  /** Whether this project trusted exactly this content (here or in a task's Workspace scripts). */
  trusted: z.boolean(),
});
export type GateTrust = z.infer<typeof gateTrustSchema>;

/** Where the gate command comes from: the project's queue settings, else `test` in the target's `.braid/workspace.json`. */
export const gateCommandSchema = z.object({
  command: z.string().nullable(),
  setup: z.string().nullable(),
  source: z.enum(['setting', 'workspace.json']).nullable(),
  /** A `.braid/workspace.json` that could not be read, in words. */
  problem: z.string().nullable(),
  /** The target's workspace config to trust; null when it has none, or it cannot be read (`problem`). */
  trust: gateTrustSchema.nullable(),
});
export type GateCommandView = z.infer<typeof gateCommandSchema>;

export const mergeQueueSchema = z.object({
  projectId: idSchema,
  targetBranch: z.string(),
  paused: z.boolean(),
  /** Why it paused: the user, or Braid (e.g. the checkout of the target has changes the landing would overwrite). */
  pauseReason: z.string().nullable(),
  gate: gateCommandSchema,
  /** In queue order: waiting and running entries first, then the landed and ejected ones, newest last. */
  entries: z.array(queueEntrySchema),
});
export type MergeQueueView = z.infer<typeof mergeQueueSchema>;

/** A project's queue settings (`project:<id>:queue`). */
export const queueSettingsSchema = z.object({
  /** Run in the scratch worktree with a shell; null: `test` from `.braid/workspace.json`, else no gate (a clean merge lands). */
  gateCommand: z.string().trim().min(1).max(2000).nullable(),
  gateTimeoutSec: z.number().int().min(5).max(6 * 60 * 60),
  /** Test the next entry on top of the running one (depth 2), within the concurrency limit. */
  speculative: z.boolean(),
  /** Eject entries whose task has open P0/P1 review findings (where reviews exist). */
  reviewGate: z.boolean(),
});
export type QueueSettings = z.infer<typeof queueSettingsSchema>;
export const defaultQueueSettings: QueueSettings = { gateCommand: null, gateTimeoutSec: 600, speculative: false, reviewGate: false };

export const queueSettingsViewSchema = queueSettingsSchema.extend({
  /** Whether this Braid has reviews to check (the review gate is refused otherwise). */
  reviewGateAvailable: z.boolean(),
});
export type QueueSettingsView = z.infer<typeof queueSettingsViewSchema>;

export const queueEntryIdSchema = idSchema;
