import { z } from 'zod';

/** A pull request as `gh pr view --json` reports it, with the remote Braid pushed to. */
export const pullRequestSchema = z.object({
  url: z.string(),
  number: z.number().int(),
  state: z.enum(['OPEN', 'CLOSED', 'MERGED']),
  isDraft: z.boolean(),
  title: z.string(),
  baseRefName: z.string(),
  headRefName: z.string(),
  remote: z.string(),
  /** When Braid last read it. */
  checkedAt: z.number(),
});
export type PullRequestView = z.infer<typeof pullRequestSchema>;

export const pullRequestContextSchema = z.object({
  remotes: z.array(z.object({ name: z.string(), url: z.string() })),
  /** `origin` when there is one, else the first remote; null without remotes. */
  defaultRemote: z.string().nullable(),
  branch: z.string(),
  base: z.string(),
  /** From the task: its title. */
  title: z.string(),
  /** From the task: its goal, its plan's summary if any, the files changed, the review's verdict if any. */
  body: z.string(),
  uncommittedFiles: z.number().int().nonnegative(),
  /** The pull request Braid opened (or found) for this task, as last read. */
  current: pullRequestSchema.nullable(),
});
export type PullRequestContext = z.infer<typeof pullRequestContextSchema>;
