import { z } from 'zod';

/**
 * DiffLens data as the renderer receives it; the host's diff engine (src-main/services/diffs)
 * produces these types as they are. Plain data, no Buffers: names that are not valid UTF-8
 * carry their raw bytes in base64.
 */

/**
 * A file name as git stores it. `path` is for display (invalid UTF-8 bytes become U+FFFD);
 * `pathBytes` (base64 of the raw bytes) is present only when that display form is lossy, and
 * is what the file diff uses to address the file.
 */
const diffPath = { path: z.string(), pathBytes: z.string().optional() };

export const diffFileSchema = z.object({
  ...diffPath,
  /** The name before a rename or copy. */
  oldPath: z.string().optional(),
  oldPathBytes: z.string().optional(),
  status: z.enum(['added', 'modified', 'deleted', 'renamed', 'copied', 'typechange', 'untracked']),
  /** Lines added (0 for binary files and for untracked files too large to read). */
  additions: z.number(),
  deletions: z.number(),
  binary: z.boolean(),
  /** Octal git modes, e.g. `100644`, `100755`, `120000` (symlink); absent on the missing side. */
  oldMode: z.string().optional(),
  newMode: z.string().optional(),
  /** Size in the working tree; absent for deleted files. */
  sizeBytes: z.number().optional(),
  /** Over the display limits: the file diff will not load its text. */
  tooLarge: z.boolean().optional(),
  /** Rename/copy similarity in percent. */
  similarity: z.number().optional(),
});
export type DiffFileView = z.infer<typeof diffFileSchema>;

export const workspaceDiffSchema = z.object({
  /** The commit everything is compared with. */
  mergeBase: z.string(),
  /** `branch`: merge-base of HEAD with the base branch; `baseCommit`: the base branch is gone. */
  baseSource: z.enum(['branch', 'baseCommit']),
  files: z.array(diffFileSchema),
  totals: z.object({ files: z.number(), additions: z.number(), deletions: z.number() }),
});
export type WorkspaceDiffView = z.infer<typeof workspaceDiffSchema>;

/** A reference to one file of the list: its name, and its old name when it was renamed. */
export const diffFileRefSchema = z
  .object({
    path: z.string().min(1).max(4096),
    pathBytes: z.string().max(8192).optional(),
    oldPath: z.string().max(4096).optional(),
    oldPathBytes: z.string().max(8192).optional(),
  })
  .strict();
export type DiffFileRefView = z.infer<typeof diffFileRefSchema>;

export const diffHunkSchema = z.object({
  oldStart: z.number(),
  oldLines: z.number(),
  newStart: z.number(),
  newLines: z.number(),
  /** The whole `@@ -a,b +c,d @@ context` line. */
  header: z.string(),
  lines: z.array(
    z.object({
      kind: z.enum([' ', '+', '-']),
      text: z.string(),
      oldLine: z.number().optional(),
      newLine: z.number().optional(),
      /** Git's "\ No newline at end of file" followed this line. */
      noNewlineAtEnd: z.boolean().optional(),
    }),
  ),
});
export type DiffHunkView = z.infer<typeof diffHunkSchema>;

export const fileDiffSchema = z.object({
  ...diffPath,
  oldPath: z.string().optional(),
  oldPathBytes: z.string().optional(),
  /** `unchanged`: the file no longer differs (e.g. reverted since the list was read). */
  status: z.enum(['added', 'modified', 'deleted', 'renamed', 'copied', 'typechange', 'untracked', 'unchanged']),
  /** Monaco language id guessed from the extension (`plaintext` when unknown). */
  language: z.string(),
  binary: z.boolean(),
  /** Set instead of hunks and texts when either side is over the display limits. */
  tooLarge: z.object({ bytes: z.number() }).optional(),
  hunks: z.array(diffHunkSchema),
  /**
   * Each hunk's id, in the order of `hunks`: what the hunk is (its range and lines). Pass it
   * back with a hunk action, which is then refused with `HUNK_CHANGED` unless the file still
   * has exactly this hunk.
   */
  hunkIds: z.array(z.string()).optional(),
  /** Full texts for a side-by-side editor; absent when binary or too large. */
  oldText: z.string().optional(),
  newText: z.string().optional(),
  oldMode: z.string().optional(),
  newMode: z.string().optional(),
});
export type FileDiffView = z.infer<typeof fileDiffSchema>;

export const checkpointSchema = z.object({ turn: z.number(), commit: z.string(), tree: z.string(), head: z.string(), createdAt: z.number() });

export const workspaceHistorySchema = z.object({
  branch: z.string(),
  baseBranch: z.string(),
  baseRef: z.string().nullable(),
  mergeBase: z.string(),
  ahead: z.number(),
  behind: z.number(),
  commits: z.array(z.object({ sha: z.string(), subject: z.string(), author: z.string(), authorEmail: z.string(), date: z.number() })),
  truncated: z.boolean(),
  /** A merge waiting in the worktree for its commit; `unresolved` still have conflict markers. */
  mergeInProgress: z.object({ conflicted: z.array(z.string()), unresolved: z.array(z.string()) }).nullable(),
});

/** A hunk as the review names it: its line ranges against the merge-base. */
export const hunkRangeSchema = z
  .object({
    oldStart: z.number().int().nonnegative(),
    oldLines: z.number().int().nonnegative(),
    newStart: z.number().int().nonnegative(),
    newLines: z.number().int().nonnegative(),
  })
  .strict();
export type HunkRangeView = z.infer<typeof hunkRangeSchema>;

/** One hunk, or the whole file. */
export const hunkTargetSchema = z.union([hunkRangeSchema, z.literal('file')]);

/** A hunk's `id` from `review.fileDiff`. */
export const hunkIdSchema = z.string().min(1).max(100);

export const reviewPathSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), 'path contains a NUL byte');

/** Which agent step made a hunk; `byHand` when no edit of the agent explains it. */
export const hunkProvenanceSchema = z.discriminatedUnion('byHand', [
  z.object({
    byHand: z.literal(false),
    step: z.number(),
    callId: z.string(),
    toolName: z.enum(['write_file', 'edit_file']),
    /** The agent's words in that step before the edit. */
    precedingText: z.string(),
  }),
  z.object({ byHand: z.literal(true) }),
]);
export type HunkProvenanceView = z.infer<typeof hunkProvenanceSchema>;

export const reviewCommentStatusSchema = z.enum(['open', 'sent', 'addressed']);
export const reviewCommentSchema = z.object({
  id: z.string(),
  taskId: z.string(),
  path: z.string(),
  line: z.number(),
  side: z.enum(['old', 'new']),
  text: z.string(),
  status: reviewCommentStatusSchema,
  anchorText: z.string().nullable(),
  createdAt: z.number(),
  sentAt: z.number().nullable(),
});
export type ReviewCommentView = z.infer<typeof reviewCommentSchema>;

/** A command the agent ran, as the review summary lists it. */
export const agentCommandSchema = z.object({
  callId: z.string(),
  seq: z.number(),
  command: z.string(),
  /** Null while running, when killed by a signal, or when it never ran (denied). */
  exitCode: z.number().nullable(),
  outcome: z.enum(['running', 'succeeded', 'failed', 'denied', 'killed']),
});
export type AgentCommand = z.infer<typeof agentCommandSchema>;

/** One task's line in the review-first overview. */
export const reviewSummarySchema = z.object({
  taskId: z.string(),
  files: z.number(),
  additions: z.number(),
  deletions: z.number(),
  commands: z.array(agentCommandSchema),
  openComments: z.number(),
  /** Why the diff could not be read (e.g. the workspace is missing). */
  error: z.string().nullable(),
});
export type ReviewSummary = z.infer<typeof reviewSummarySchema>;
