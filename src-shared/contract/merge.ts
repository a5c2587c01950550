import { z } from 'zod';
import { idSchema } from './id';
import { hunkRangeSchema } from './review';

/**
 * Merge back and the conflict radar as the renderer sees them; the host's merge service
 * (src-main/services/merge/merge-types.ts) uses these types as they are, with its own record of
 * a landed merge (`MergeRecord`, shown here as `MergedState`).
 */

export const mergeStrategySchema = z.enum(['merge', 'squash', 'rebase']);
export type MergeStrategyName = z.infer<typeof mergeStrategySchema>;

const relativePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), 'path contains a NUL byte');

/** What the user chose in the merge dialog. */
export const mergeRequestSchema = z
  .object({
    taskId: idSchema,
    strategy: mergeStrategySchema,
    /** Only these files (the base gets one commit with just their changes). */
    files: z.array(relativePath).max(20_000).optional(),
    /** Only these hunks (as `review.fileDiff` shows them) of these modified files; the rest of each file stays as the base has it. */
    hunks: z
      .array(z.object({ path: relativePath, hunks: z.array(hunkRangeSchema).min(1).max(10_000) }).strict())
      .max(20_000)
      .optional(),
    /** Message for the new commit (merge commit, squash or selective); left out or blank, a default is written. */
    message: z.string().max(20_000).optional(),
    /**
     * The workspace's uncommitted files are merged too (committed on its branch first); false
     * leaves them in the workspace and merges only the branch's commits.
     */
    includeUncommitted: z.boolean().default(true),
  })
  .strict();

const fileChangeSchema = z.object({
  path: z.string(),
  /** For renames and copies: where the file came from. */
  oldPath: z.string().optional(),
  /** A, M, D, T (type change), R (renamed) or C (copied). */
  status: z.string(),
  /** Null for binary files. */
  additions: z.number().nullable(),
  deletions: z.number().nullable(),
});

const commitSummarySchema = z.object({ sha: z.string(), subject: z.string() });

export const mergePreviewSchema = z.object({
  strategy: mergeStrategySchema,
  selective: z.boolean(),
  targetBranch: z.string(),
  targetCommit: z.string(),
  workspaceBranch: z.string(),
  workspaceHead: z.string(),
  mergeBase: z.string().nullable(),
  /** The workspace's commits the target does not have (oldest first). */
  commits: z.array(commitSummarySchema),
  /** How many new commits the target gets: 1 for merge/squash/selective, the replayed ones for rebase. */
  newCommitCount: z.number(),
  /** Uncommitted files in the workspace: A (added, untracked included), M, D or T (type change), against its HEAD. */
  uncommitted: z.array(z.object({ path: z.string(), status: z.string() })),
  includesUncommitted: z.boolean(),
  /** The commit the uncommitted files become on the workspace branch first (it is among `commits`); `merge.run` pins it. */
  uncommittedCommit: commitSummarySchema.nullable(),
  /** Files the target branch will change (clean merge), else the workspace's changes. */
  files: z.array(fileChangeSchema),
  clean: z.boolean(),
  conflicts: z.array(z.string()),
  message: z.string(),
  /** The checkout of the target branch, if any, and what the merge does to it. */
  checkout: z
    .object({
      path: z.string(),
      isMain: z.boolean(),
      /** `update`: its files follow the branch; `refuse`: it has local changes the merge would overwrite. */
      action: z.enum(['update', 'refuse']),
      blockingFiles: z.array(z.object({ path: z.string(), status: z.string() })),
      /** A merge/rebase/cherry-pick in progress there (refused). */
      operation: z.string().nullable(),
    })
    .nullable(),
  /** Why the merge would refuse right now (code + message), or null. */
  blocked: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type MergePreviewView = z.infer<typeof mergePreviewSchema>;

const conflictSideSchema = z
  .object({
    mode: z.string(),
    oid: z.string(),
    binary: z.boolean(),
    /** The text, or null when binary or too large to show. */
    text: z.string().nullable(),
  })
  .nullable();

/** One conflicted file for a three-way view: base / ours (the target) / theirs (the workspace). */
export const conflictFileSchema = z.object({
  path: z.string(),
  base: conflictSideSchema,
  /** The target branch's version. */
  ours: conflictSideSchema,
  /** The workspace's version. */
  theirs: conflictSideSchema,
  /** Git's merged text with conflict markers, when it produced one. */
  merged: z.string().nullable(),
  /** Git's description, e.g. "CONFLICT (modify/delete): …". */
  messages: z.array(z.string()),
});
export type ConflictFileView = z.infer<typeof conflictFileSchema>;

export const conflictResolutionSchema = z.union([
  z.object({ path: relativePath, take: z.enum(['ours', 'theirs', 'base']) }).strict(),
  z.object({ path: relativePath, content: z.string().max(50_000_000) }).strict(),
  z.object({ path: relativePath, delete: z.literal(true) }).strict(),
]);
export type ConflictResolutionInput = z.infer<typeof conflictResolutionSchema>;

/** What is remembered about a workspace once it has been merged. */
export const mergedStateSchema = z.object({
  strategy: mergeStrategySchema,
  selective: z.boolean(),
  files: z.array(z.string()),
  targetBranch: z.string(),
  previousCommit: z.string(),
  newCommit: z.string(),
  mergedHead: z.string(),
  mergedAt: z.number(),
  checkoutUpdated: z.string().nullable(),
  /** Commits the base branch's history gained (newest ones, oldest first) and how many; absent in records from older versions. */
  landedOnTarget: z.object({ commits: z.array(commitSummarySchema), total: z.number() }).optional(),
  /** "Merge anyway": the gates it went past (`review`, `check`) and the user's reason; absent or null when no gate held it. */
  override: z.object({ gates: z.array(z.string()), reason: z.string() }).nullable().optional(),
});
export type MergedState = z.infer<typeof mergedStateSchema>;

export const mergeOutcomeSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('merged'), merged: mergedStateSchema }),
  z.object({
    status: z.literal('conflicts'),
    mergeId: z.string(),
    conflicts: z.array(conflictFileSchema),
    /** Rebase: the commit being replayed when it stopped. */
    step: z.object({ commit: commitSummarySchema, index: z.number(), total: z.number() }).nullable(),
  }),
]);
export type MergeOutcomeView = z.infer<typeof mergeOutcomeSchema>;

export const mergeIdSchema = z.string().uuid();

/** The conflict radar of one project. */
export const radarSchema = z.object({
  /** Pairs of tasks whose workspaces changed the same files; ranges are base line numbers [start, end]. */
  pairs: z.array(
    z.object({
      a: idSchema,
      b: idSchema,
      files: z.array(z.object({ path: z.string(), ranges: z.array(z.tuple([z.number(), z.number()])), wholeFile: z.boolean() })),
    }),
  ),
  /** Per task: a dry-run merge into its base branch as it is now. */
  tasks: z.array(
    z.object({
      taskId: idSchema,
      clean: z.boolean(),
      conflicts: z.array(z.string()),
      baseCommit: z.string().nullable(),
      error: z.string().optional(),
    }),
  ),
  computedAt: z.number(),
});
export type Radar = z.infer<typeof radarSchema>;
