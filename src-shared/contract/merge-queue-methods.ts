import { z } from 'zod';
import { idSchema } from './id';
import { mergeRequestSchema } from './merge';
import { mergeQueueSchema, queueEntryIdSchema, queueEntrySchema, queueSettingsSchema, queueSettingsViewSchema } from './merge-queue';

const delivery = z.enum(['started', 'queued', 'delivered']);
const targetBranch = z.string().min(1).max(255);

/**
 * The merge queue (D6), spread into `methods`. Adding a task that is already waiting or
 * running in its queue is `ALREADY_QUEUED`; the queue is the task's base branch's.
 */
export const mergeQueueMethods = {
  /** The project's queues (one per target branch that has entries, or was paused). */
  'mergeQueue.list': { input: z.object({ projectId: idSchema }).strict(), output: z.array(mergeQueueSchema) },
  /** Adds the task (with the merge dialog's choices) at the end of its base branch's queue. */
  'mergeQueue.add': { input: mergeRequestSchema, output: queueEntrySchema },
  /** Takes an entry off its queue; a running one is stopped (its gate and everything it started) and its scratch worktree removed. */
  'mergeQueue.remove': { input: z.object({ entryId: queueEntryIdSchema }).strict(), output: z.object({ removed: z.literal(true) }) },
  /** Moves a waiting or running entry to `toIndex` among the queue's waiting and running entries; runs the new order no longer fits are rebuilt. */
  'mergeQueue.move': { input: z.object({ entryId: queueEntryIdSchema, toIndex: z.number().int().min(0).max(10_000) }).strict(), output: mergeQueueSchema },
  /** Stops the queue: running gates are stopped and their entries wait again; nothing lands until resumed. */
  'mergeQueue.pause': { input: z.object({ projectId: idSchema, targetBranch }).strict(), output: mergeQueueSchema },
  'mergeQueue.resume': { input: z.object({ projectId: idSchema, targetBranch }).strict(), output: mergeQueueSchema },
  /**
   * Trusts the workspace config on the target's tip (its setup, and `test` as the gate) in exactly
   * the content shown (`gate.trust.contentHash`; `FILE_CHANGED` when it is no longer that), and
   * resumes the queue when Braid paused it for that trust. Nothing from an entry's branch is read.
   */
  'mergeQueue.trustGate': {
    input: z.object({ projectId: idSchema, targetBranch, contentHash: z.string().regex(/^[0-9a-f]{64}$/, 'not a content hash') }).strict(),
    output: mergeQueueSchema,
  },
  /** The entry's gate log as the terminal wrote it (colours included); live ones grow through `mergeQueue.gateOutput`. */
  'mergeQueue.log': {
    input: z.object({ entryId: queueEntryIdSchema }).strict(),
    output: z.object({ text: z.string(), clipped: z.boolean(), running: z.boolean() }),
  },
  /** "Send the failure to the agent": the failing gate's command, exit and output go to the task's agent as a message. */
  'mergeQueue.sendFailure': { input: z.object({ entryId: queueEntryIdSchema }).strict(), output: z.object({ delivery }) },
  'mergeQueue.settings': { input: z.object({ projectId: idSchema }).strict(), output: queueSettingsViewSchema },
  'mergeQueue.setSettings': {
    input: queueSettingsSchema.partial().extend({ projectId: idSchema }).strict(),
    output: queueSettingsViewSchema,
  },
} as const;
