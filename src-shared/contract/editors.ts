import { z } from 'zod';
import { idSchema } from './domain';

/** Where "Open in editor" can send a workspace: a known editor, the file manager, or the user's own command. */
export const editorKindSchema = z.enum(['editor', 'file-manager', 'custom']);

export const editorSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: editorKindSchema,
  /** The program found on PATH (or the custom command's program); null when it is not installed. */
  program: z.string().nullable(),
  available: z.boolean(),
  /** How to get it when it is not installed (or why a custom command cannot run). */
  hint: z.string().nullable(),
});
export type Editor = z.infer<typeof editorSchema>;

export const editorsOverviewSchema = z.object({
  editors: z.array(editorSchema),
  /** The one "Open in editor" uses; null: the first available editor. */
  preferredId: z.string().nullable(),
  /** The user's own command, `{path}` standing for the workspace folder. */
  customCommand: z.string().nullable(),
});
export type EditorsOverview = z.infer<typeof editorsOverviewSchema>;

/** Open a task's workspace in an editor or the file manager (U3), spread into `methods`. */
export const editorMethods = {
  /** Every known editor with whether it is on PATH, and the user's choice. */
  'editors.list': { input: z.object({}).strict(), output: editorsOverviewSchema },
  /** Sets the preferred editor and/or the custom command (`INVALID_INPUT` when it cannot be run as one program). */
  'editors.configure': {
    input: z
      .object({
        preferredId: z.string().max(100).nullable().optional(),
        customCommand: z.string().trim().max(1000).nullable().optional(),
      })
      .strict(),
    output: editorsOverviewSchema,
  },
  /** Opens the task's worktree; `editorId` omitted: the preferred (or first available) one. */
  'editors.open': {
    input: z.object({ taskId: idSchema, editorId: z.string().max(100).optional() }).strict(),
    output: z.object({ opened: z.string() }),
  },
} as const;
