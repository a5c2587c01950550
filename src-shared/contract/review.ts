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
});
