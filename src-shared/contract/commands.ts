import { z } from 'zod';
import { idSchema } from './id';

/**
 * How agent commands are isolated on this machine. `pidNamespace`: everything a command
 * starts dies with it. `limitation` says why commands are not isolated, when they are not.
 */
export const commandIsolationSchema = z.object({
  kind: z.enum(['bubblewrap', 'unshare', 'none']),
  pidNamespace: z.boolean(),
  limitation: z.string().nullable(),
});
export type CommandIsolationInfo = z.infer<typeof commandIsolationSchema>;

export const backgroundServiceIdSchema = z.string().regex(/^service-\d{1,6}$/, 'not a service id');

/**
 * A long-lived process an agent started on purpose (`start_service`): a dev server, a watcher.
 * It keeps running after the agent's turn and is stopped, with everything it started, when the
 * task is stopped or deleted or Braid quits. One that ended by itself stays listed as `exited`.
 */
export const backgroundServiceSchema = z.object({
  id: backgroundServiceIdSchema,
  taskId: idSchema,
  name: z.string(),
  command: z.string(),
  /** The host's process id of its root (the isolation's wrapper when commands are isolated). */
  pid: z.number().int(),
  startedAt: z.number(),
  state: z.enum(['running', 'exited']),
  exitCode: z.number().int().nullable(),
  /** The start and the latest of its output as plain text (colours removed). */
  recentOutput: z.string(),
});
export type BackgroundService = z.infer<typeof backgroundServiceSchema>;
