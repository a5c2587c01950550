import { z } from 'zod';

/** DiffLens data as the renderer receives it (mirrors src-main/services/diffs/diff-types.ts). */
const diffPath = { path: z.string(), pathBytes: z.string().optional() };

export const diffFileSchema = z.object({
  ...diffPath,
  oldPath: z.string().optional(),
  oldPathBytes: z.string().optional(),
  status: z.enum(['added', 'modified', 'deleted', 'renamed', 'copied', 'typechange', 'untracked']),
  additions: z.number(),
  deletions: z.number(),
  binary: z.boolean(),
  oldMode: z.string().optional(),
  newMode: z.string().optional(),
  sizeBytes: z.number().optional(),
  tooLarge: z.boolean().optional(),
  similarity: z.number().optional(),
});
export type DiffFileView = z.infer<typeof diffFileSchema>;

export const workspaceDiffSchema = z.object({
  mergeBase: z.string(),
  baseSource: z.enum(['branch', 'baseCommit']),
  files: z.array(diffFileSchema),
  totals: z.object({ files: z.number(), additions: z.number(), deletions: z.number() }),
});

export const diffFileRefSchema = z
  .object({
    path: z.string().min(1).max(4096),
    pathBytes: z.string().max(8192).optional(),
    oldPath: z.string().max(4096).optional(),
    oldPathBytes: z.string().max(8192).optional(),
  })
  .strict();

export const diffHunkSchema = z.object({
  oldStart: z.number(),
  oldLines: z.number(),
  newStart: z.number(),
  newLines: z.number(),
  header: z.string(),
  lines: z.array(
    z.object({
      kind: z.enum([' ', '+', '-']),
      text: z.string(),
      oldLine: z.number().optional(),
      newLine: z.number().optional(),
      noNewlineAtEnd: z.boolean().optional(),
    }),
  ),
});

export const fileDiffSchema = z.object({
  ...diffPath,
  oldPath: z.string().optional(),
  oldPathBytes: z.string().optional(),
  status: z.enum(['added', 'modified', 'deleted', 'renamed', 'copied', 'typechange', 'untracked', 'unchanged']),
  language: z.string(),
  binary: z.boolean(),
  tooLarge: z.object({ bytes: z.number() }).optional(),
  hunks: z.array(diffHunkSchema),
  oldText: z.string().optional(),
  newText: z.string().optional(),
  oldMode: z.string().optional(),
  newMode: z.string().optional(),
});

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
