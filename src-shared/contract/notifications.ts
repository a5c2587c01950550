import { z } from 'zod';
import { idSchema } from './domain';

/**
 * Desktop notifications (U3), spread into `methods`. The renderer decides when a task needs
 * the user and is not on screen; the desktop shows it natively (`UNSUPPORTED` in web mode,
 * where the page uses the Web Notifications API itself).
 */
export const notificationMethods = {
  'app.notify': {
    input: z.object({ taskId: idSchema, title: z.string().trim().min(1).max(200), body: z.string().max(1000) }).strict(),
    output: z.object({ shown: z.literal(true) }),
  },
  /** The count on the dock or taskbar icon: tasks that need the user and were not looked at yet. */
  'app.setAttentionCount': {
    input: z.object({ count: z.number().int().min(0).max(9999) }).strict(),
    output: z.object({ set: z.literal(true) }),
  },
} as const;

export const notificationEvents = {
  /** The user clicked a desktop notification: open its task. */
  'app.notificationClicked': z.object({ taskId: idSchema }),
} as const;
